/** state.dir when the config sets none (relative to the config file). */
export const DEFAULT_STATE_DIR = ".crier";
