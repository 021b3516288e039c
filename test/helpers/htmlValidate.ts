import { HtmlValidate } from "html-validate";

// html-validate's recommended rules, unchanged.
const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });

/** Every html-validate finding in `markup`, as "name:line:column rule message". */
export async function htmlProblems(markup: string, name: string): Promise<string[]> {
  const report = await validator.validateString(markup, name);
  return report.results.flatMap((result) =>
    result.messages.map((m) => `${name}:${m.line}:${m.column} ${m.ruleId} ${m.message}`),
  );
}
