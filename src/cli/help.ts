export const HELP = `crier — announcement pages, feeds and text files in; RSS 2.0, Atom 1.0, JSON Feed 1.1 and HTML out.

Usage:
  crier build   [--config FILE] [--out DIR] [--state DIR] [--strict] [--json] [--offline] [--wait SECONDS]
  crier inspect <url-or-file> [--type feed|html|text] [--json] [html selectors] [--transform REGEX]...
  crier inspect --source ID [--config FILE] [--json]
  crier check   [--config FILE] [--json]
  crier watch   [--config FILE] [--out DIR] [--state DIR] [--run-now]
  crier --help | --version

Commands:
  build    Fetch every source once and write feed.xml (RSS 2.0), atom.xml, feed.json (JSON Feed 1.1),
           index.html and sources.opml to the output folder (and to DIR/<name>/ for each "outputs" entry).
           A failing source is reported and keeps its last good articles; output is still written.
  inspect  Fetch or read one source without a config (or one configured source with --source) and print
           its normalized articles. Writes nothing. <url-or-file>: an http(s) URL, a file: URL or a path
           (any file, symlinks included). --config goes only with --source, selectors only with html.
  check    Validate the config file and exit.
  watch    Run builds on the config's "schedule" (cron, in "timezone") until SIGTERM/SIGINT.

Options:
  --config FILE     config file (default ./feeds.config.json)
  --out DIR         output folder (default: output.dir of the config, relative to the config file)
  --state DIR       state folder (default: state.dir of the config, relative to the config file)
  --strict          build: exit 2 when any source failed
  --json            print a machine-readable report on stdout (human messages stay on stderr)
  --offline         build: fetch nothing; render from stored state
  --wait SECONDS    build: wait this long for another running crier to finish (default 30)
  --run-now         watch: build once at start, then follow the schedule
  --type TYPE       inspect: feed, html or text (any file, whatever its extension); without it: html
                    when --item is given, text for a .txt/.md/.markdown file, else feed
  --item SEL --title SEL --link SEL --date SEL --summary SEL
                    inspect --type html: list selectors ("css" for text, "css@attr" for an attribute)
  --content SEL     inspect --type html: detail page content selector (fetches each item's page)
  --encoding NAME   inspect: force a charset (gbk, big5, shift_jis, ...)
  --timezone ZONE   inspect: IANA zone for dates without one (default UTC)
  --transform REGEX inspect: remove matches of REGEX from titles and text (repeatable)
  --source ID       inspect: inspect the configured source ID (its selectors, transforms, zone);
                    takes no URL or file, --type, selectors, --encoding, --timezone or --transform
  -h, --help        show this help
  -v, --version     show the version

Environment:
  CRIER_PARSE_THREADS  threads that parse feed documents (0: the main thread; default 0 up to
                       2 cores, else one per core but one, at most 4)

Exit codes:
  0   output written (failed sources are reported on stderr and keep their last good articles)
  1   config or usage error, or a file-system problem (e.g. a file where output.dir should be, a full
      disk); nothing written, unless the message says the output was published (a state write failed
      after it)
  2   build --strict: at least one source failed (output was still written);
      inspect: the source could not be fetched or parsed
  75  another crier process holds the lock (state dir) and did not finish within --wait
  70  internal error (a bug: please report it with the stderr output)
  130 build stopped by SIGINT, 143 by SIGTERM: abandoned, no output file changed (a second signal
      exits at once)
`;
