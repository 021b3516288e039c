import { mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseConfigText, validateConfig } from "../../src/config/index.js";
import { jsonErrorOffset } from "../../src/config/jsonPosition.js";

const site = { title: "T", url: "https://feeds.example.org/" };
const feed = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: "feed",
  url: "https://a.example/rss",
  ...extra,
});

function issuesOf(input: unknown): string[] {
  try {
    validateConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error("expected the config to be rejected");
}

describe("config validation", () => {
  it("fills every default of design §4 for a minimal config", () => {
    const config = validateConfig({ site, sources: [feed("a")] });
    expect(config.output).toEqual({ dir: "output", maxItems: 100, xsl: false });
    expect(config.state).toEqual({ dir: ".crier", failureThreshold: 5 });
    expect(config.schedule).toBe("*/30 * * * *");
    expect(config.timezone).toBe("UTC");
    expect(config.fetch).toMatchObject({
      timeoutMs: 15000,
      retries: 2,
      concurrency: 8,
      perHost: 2,
      maxBytes: 10485760,
    });
    expect(config.site.language).toBe("en");
    expect(config.sources[0]).toMatchObject({ tags: [], enabled: true, transforms: [] });
    expect(config.outputs).toEqual([]);
  });

  it.each([
    [{ site: { ...site, url: "ftp://x" }, sources: [] }, "site.url: expected an http(s) URL"],
    [
      { site, sources: [feed("a"), feed("b"), { id: "c", type: "feed", url: "mailto:x" }] },
      "sources[2].url: expected an http(s) URL",
    ],
    [{ site, sources: [feed("a", { tilte: "x" })] }, 'sources[0]: unknown key "tilte"'],
    [{ site, sources: [], extra: 1 }, '(root)|: unknown key "extra"'],
    [{ site, sources: [feed("a"), feed("a")] }, 'sources[1].id: duplicate source id "a"'],
    [{ site, sources: [{ id: "a", type: "rss", url: "x" }] }, 'sources[0].type: unknown source type "rss"'],
    [{ site, sources: [feed("Bad Id")] }, "sources[0].id: expected 1 to 64 lowercase letters"],
    [
      { site, sources: [feed("-news")] },
      "sources[0].id: expected 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit",
    ],
    [{ site, sources: [feed("a".repeat(65))] }, "sources[0].id: expected 1 to 64 lowercase letters"],
    [{ site, sources: [feed("a"), feed("b", { title: "  " })] }, "sources[1].title: must not be blank"],
    [{ site: { ...site, title: " \t" }, sources: [] }, "site.title: must not be blank"],
    [{ site: { ...site, author: { name: " " } }, sources: [] }, "site.author.name: must not be blank"],
    [
      { site, sources: [feed("a")], outputs: [{ name: "p", title: "  " }] },
      "outputs[0].title: must not be blank",
    ],
    [
      { site: { ...site, author: { name: "Ann", email: "ann@example" } }, sources: [] },
      "site.author.email: expected an e-mail address such as news@example.org",
    ],
    [
      { site: { ...site, author: { name: "Ann", email: "Ann <ann@example.org>" } }, sources: [] },
      "site.author.email: expected an e-mail address",
    ],
    [
      { site, sources: [feed("a", { transforms: [{ pattern: "((" }] })] },
      "sources[0].transforms[0].pattern: expected a valid",
    ],
    [{ site, sources: [], timezone: "Mars/Base" }, "timezone: expected an IANA time zone"],
    [
      { site, sources: [], schedule: "every minute" },
      "schedule: expected 5 or 6 fields but got 2; expected a cron expression of 5 or 6 fields",
    ],
    [{ site, sources: [], fetch: { timeoutMs: "5" } }, 'fetch.timeoutMs: expected a number, got string "5"'],
    [{ site, sources: [], output: { maxItems: 2.5 } }, "output.maxItems: expected a whole number, got 2.5"],
    [{ site, sources: [feed("a", { maxItems: 10001 })] }, "sources[0].maxItems: must be at most 10000"],
    [
      { site, sources: [feed("a")], outputs: [{ name: "p", title: "P", maxItems: 1e6 }] },
      "outputs[0].maxItems: must be at most 10000",
    ],
    [
      { site, sources: [], fetch: { retries: Number.POSITIVE_INFINITY } },
      "fetch.retries: expected a number, got a number too large to use",
    ],
    [
      { site: { ...site, title: "\u0001" }, sources: [] },
      "site.title: must have visible text: control and invisible characters",
    ],
    [
      { site: { ...site, author: { name: "\u200b\u00ad" } }, sources: [] },
      "site.author.name: must have visible text",
    ],
    [{ site, sources: [feed("a", { title: "\u0085" })] }, "sources[0].title: must have visible text"],
    [
      { site, sources: [feed("a")], outputs: [{ name: "p", title: "\u200b" }] },
      "outputs[0].title: must have visible text",
    ],
    [
      { site, sources: [], fetch: { userAgent: "  " } },
      "fetch.userAgent: must not be blank: name the client",
    ],
    [
      { site, sources: [feed("a")], outputs: [{ name: "p", title: "P", tags: [] }] },
      "outputs[0].tags: an empty list selects nothing",
    ],
    [
      { site, sources: [feed("a")], outputs: [{ name: "p", title: "P", sources: [] }] },
      "outputs[0].sources: an empty list selects nothing",
    ],
    [
      { site, sources: [{ id: "h", type: "html", url: "https://x.example/", list: { item: "li" } }] },
      "sources[0].list.title: required",
    ],
    [
      { site, sources: [feed("a")], outputs: [{ name: "p", title: "P", sources: ["zz"] }] },
      'outputs[0].sources[0]: unknown source id "zz"',
    ],
    [{ sources: [] }, "site: required"],
    [{ site, sources: [feed("a", { encoding: "gbkk" })] }, "sources[0].encoding: unknown charset"],
    [
      { site, sources: [feed("a", { transforms: [{ pattern: "(a+)+$" }] })] },
      "sources[0].transforms[0].pattern:",
    ],
    [{ site, sources: [feed("a", { exclude: { title: "(.*)*x" } })] }, "sources[0].exclude.title:"],
    [{ site: { ...site, language: "123" }, sources: [] }, "site.language: expected a language tag"],
    [{ site, sources: [feed("a", { language: "English" })] }, "sources[0].language: expected a language tag"],
  ])("names the field and what is expected (%#)", (input, expected) => {
    const issues = issuesOf(input);
    const [pathPart, message] = expected.includes("|") ? ["", expected.split("|")[1]!] : ["", expected];
    expect(issues.some((line) => line.includes(message) || line.includes(pathPart + message))).toBe(true);
  });

  it("refuses a key repeated in one object, naming both lines, with the other problems", () => {
    const text = [
      "{",
      '  "site": { "title": "T", "url": "https://feeds.example.org/" },',
      '  "output": { "maxItems": 2 },',
      '  "sources": [{ "id": "a", "type": "feed", "url": "https://a.example/rss", "url": "https://b.example/rss" }],',
      '  "note": "\\"output\\": { } is not a key here",',
      '  "output": { "dir": "www" }',
      "}",
    ].join("\n");
    let error: unknown;
    try {
      parseConfigText(text, "feeds.config.json");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "sources[0].url: the key appears twice (lines 4 and 4); JSON keeps only the last value and drops the other: merge them into one",
      "output: the key appears twice (lines 3 and 6); JSON keeps only the last value and drops the other: merge them into one",
      '(root)|: unknown key "note"; remove it or check the spelling'.replace("(root)|", ""),
    ]);
  });

  it("reports every problem at once, not only the first", () => {
    const issues = issuesOf({
      site: { title: "", url: "nope" },
      sources: [feed("a"), feed("a"), feed("b", { url: "javascript:alert(1)" })],
    });
    expect(issues.length).toBeGreaterThanOrEqual(4);
    expect(issues.join("\n")).toMatch(/site\.title/);
    expect(issues.join("\n")).toMatch(/site\.url/);
    expect(issues.join("\n")).toMatch(/sources\[1\]\.id: duplicate/);
    expect(issues.join("\n")).toMatch(/sources\[2\]\.url/);
  });

  it("accepts the design's pinyin transform and rejects catastrophic backtracking with advice", () => {
    const ok = validateConfig({
      site,
      sources: [
        feed("a", { transforms: [{ pattern: "\\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\\)", flags: "g" }] }),
      ],
    });
    expect(ok.sources[0]!.transforms[0]!.replace).toBe("");
    const [issue] = issuesOf({ site, sources: [feed("a", { transforms: [{ pattern: "(\\w+\\s?)*$" }] })] });
    expect(issue).toMatch(/^sources\[0\]\.transforms\[0\]\.pattern: .*(backtrack|nested|repeat)/i);
  });

  it("refuses html selectors the build cannot parse, naming the field; css@attr and jQuery positionals pass", () => {
    const html = (list: Record<string, unknown>, detail?: Record<string, unknown>) => ({
      site,
      sources: [{ id: "h", type: "html", url: "https://x.example/", list, ...(detail ? { detail } : {}) }],
    });
    expect(
      issuesOf(html({ item: "ul.list li", title: "a", date: "span.date[" }, { author: "p::before" })),
    ).toEqual([
      'sources[0].list.date: invalid CSS selector "span.date[" (Expected name, found)',
      'sources[0].detail.author: invalid CSS selector "p::before" (Pseudo-elements are not supported by css-select)',
    ]);
    // css-what parses these; css-select (what the build runs) refuses them.
    expect(issuesOf(html({ item: "li:visible", title: "a:nosuch@title" }))).toEqual([
      'sources[0].list.item: invalid CSS selector "li:visible" (Unknown pseudo-class :visible)',
      'sources[0].list.title: invalid CSS selector "a:nosuch" (Unknown pseudo-class :nosuch)',
    ]);
    const ok = validateConfig(
      html(
        {
          item: "ul.list > li:not(.ad):first-child, li:eq(2)",
          title: "a@title",
          link: 'a[href*="@"]@href',
          date: "span:contains(日期)",
          next: "@href",
        },
        { content: "div#content", author: "@data-author" },
      ),
    );
    expect(ok.sources[0]).toMatchObject({ list: { title: "a@title", next: "@href" } });
  });

  it.each([["crier-test\r\nX-Evil: 1"], ["crier (公安通知聚合)"], ["crier\tbot"]])(
    "refuses a fetch.userAgent undici cannot send: %j",
    (userAgent) => {
      const [issue, ...more] = issuesOf({ site, sources: [], fetch: { userAgent } });
      expect(more).toEqual([]);
      expect(issue).toMatch(
        /^fetch\.userAgent: expected a valid HTTP header value: printable ASCII or Latin-1/,
      );
    },
  );

  it("accepts a Latin-1 fetch.userAgent", () => {
    const ua = "crier/1.0 (+https://x.example/; Zoë Müller ©)";
    expect(validateConfig({ site, sources: [], fetch: { userAgent: ua } }).fetch.userAgent).toBe(ua);
  });

  it("refuses local source paths the build refuses by their text: .. in a files glob, paths out of the folder", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-config-"));
    const file = path.join(dir, "feeds.config.json");
    const local = (id: string, type: string, location: string) =>
      type === "files" ? { id, type, path: location } : { id, type, url: location };
    await writeFile(
      file,
      JSON.stringify({
        site,
        sources: [
          local("f", "files", "../ins/*.txt"),
          local("g", "files", "notes/../*.md"),
          local("p", "feed", "file:///etc/passwd"),
          local("q", "feed", "/etc/hostname"),
          local("r", "feed", "../feed.xml"),
          local("s", "feed", "file:../feed.xml"),
          local("t", "feed", "file://host/feed.xml"),
          local("u", "files", "/etc/*.conf"),
          local("h", "html", "pages/../../list.html"),
        ].map((s) => (s.type === "html" ? { ...s, list: { item: "li", title: "a" } } : s)),
      }),
    );
    const error = await loadConfig(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
    expect(lines).toEqual([
      `sources[0].path: ".." is not allowed: the glob must stay inside the config folder ${dir}`,
      `sources[1].path: ".." is not allowed: the glob must stay inside the config folder ${dir}`,
      `sources[2].url: resolves outside the config folder ${dir}; local sources must stay inside it`,
      `sources[3].url: resolves outside the config folder ${dir}; local sources must stay inside it`,
      `sources[4].url: resolves outside the config folder ${dir}; local sources must stay inside it`,
      `sources[5].url: resolves outside the config folder ${dir}; local sources must stay inside it`,
      'sources[6].url: not a usable file: URL (File URL host must be "localhost" or empty on linux)',
      `sources[7].path: absolute path outside the config folder ${dir}; use a path relative to it`,
      `sources[8].url: resolves outside the config folder ${dir}; local sources must stay inside it`,
    ]);
  });

  it("accepts local paths inside the folder, also absolute ones through its real path", async () => {
    const real = await mkdtemp(path.join(tmpdir(), "crier-config-"));
    const linked = `${real}-link`;
    await symlink(real, linked);
    await mkdir(path.join(real, "notes"));
    const file = path.join(linked, "feeds.config.json");
    const sources = [
      { id: "a", type: "feed", url: "feeds/a.xml" },
      { id: "b", type: "feed", url: "file:feeds/./b.xml" },
      { id: "c", type: "feed", url: `file://${real}/feeds/c.xml` },
      { id: "d", type: "feed", url: `${linked}/feeds/d.xml` },
      { id: "e", type: "files", path: `${real}/notes/*.txt` },
      { id: "f", type: "files", path: "notes/**/*.md" },
      { id: "g", type: "feed", url: "feeds/x/../g.xml" },
    ];
    await writeFile(file, JSON.stringify({ site, sources }));
    expect((await loadConfig(file)).config.sources.map((s) => s.id)).toEqual([
      "a",
      "b",
      "c",
      "d",
      "e",
      "f",
      "g",
    ]);
    // Without a config file the folder is unknown: absolute paths pass, a relative path that climbs out does not.
    expect(
      validateConfig({ site, sources: [{ id: "a", type: "feed", url: "/srv/feed.xml" }] }).sources,
    ).toHaveLength(1);
    expect(issuesOf({ site, sources: [{ id: "a", type: "files", path: "a/../../*.txt" }] })).toEqual([
      'sources[0].path: ".." is not allowed: the glob must stay inside the config folder',
    ]);
  });

  it("states bounds as they are: a positive number must be greater than 0, not at least 0", () => {
    const issues = issuesOf({
      site,
      output: { maxItems: 0 },
      state: { failureThreshold: 0 },
      fetch: { timeoutMs: 0, retries: 11, perHost: -1 },
      sources: [feed("a", { maxItems: -3 })],
    });
    expect(issues).toEqual([
      "output.maxItems: must be greater than 0",
      "state.failureThreshold: must be greater than 0",
      "fetch.timeoutMs: must be greater than 0",
      "fetch.retries: must be at most 10",
      "fetch.perHost: must be greater than 0",
      "sources[0].maxItems: must be greater than 0",
    ]);
    expect(issuesOf({ site, sources: [], fetch: { retries: -1 } })).toEqual([
      "fetch.retries: must be at least 0",
    ]);
  });

  it("reports bad transform flags at flags, saying why, and still judges the pattern", () => {
    const transforms = [
      { pattern: "abc", flags: "gg" },
      { pattern: "abc", flags: "gx" },
      { pattern: "(a+)+", flags: "ii" },
    ];
    expect(issuesOf({ site, sources: [feed("b", { transforms })] })).toEqual([
      'sources[0].transforms[0].flags: flag "g" is given twice; each of g, i, m, s, u, y may appear once',
      "sources[0].transforms[1].flags: expected regex flags from g, i, m, s, u, y",
      'sources[0].transforms[2].flags: flag "i" is given twice; each of g, i, m, s, u, y may appear once',
      expect.stringMatching(/^sources\[0\]\.transforms\[2\]\.pattern: nested quantifier/),
    ]);
  });

  it("says a source's type is required, listing the types", () => {
    expect(issuesOf({ site, sources: [{ id: "a", url: "https://a.example/" }] })).toEqual([
      'sources[0].type: required: the source type, one of "feed", "html" or "files"',
    ]);
  });

  it.each([
    ["70 * * * *", "70 is an invalid expression for minute"],
    ["0 25 * * *", "25 is an invalid expression for hour"],
    ["*/30 * * *", "expected 5 or 6 fields but got 4"],
    ["", "empty"],
  ])("names what is wrong in schedule %j", (schedule, reason) => {
    expect(issuesOf({ site, sources: [], schedule })).toEqual([
      `schedule: ${reason}; expected a cron expression of 5 or 6 fields ([second] minute hour day-of-month month day-of-week), e.g. "*/30 * * * *"`,
    ]);
  });

  it("reports invalid JSON with its line and column", async () => {
    const message = (text: string) => {
      try {
        parseConfigText(text);
      } catch (error) {
        return (error as ConfigError).issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("\n");
      }
      throw new Error("expected a JSON error");
    };
    // The audit's file: a trailing comma in an object (V8 gives "at position 137").
    const syntax = await readFile(new URL("../fixtures/config/trailing-comma.json", import.meta.url), "utf8");
    expect(message(syntax)).toBe(
      "(root): not valid JSON at line 4, column 64: Expected double-quoted property name",
    );
    // V8 gives no position for these; the column counts characters, not UTF-16 units or bytes.
    expect(message('{\n  "site": { "title": "公安通知", "url": "x" },\n  "sources": [1, 2,]\n}')).toBe(
      "(root): not valid JSON at line 3, column 20: Unexpected token ']'",
    );
    expect(message('\uFEFF{"a": tru}')).toBe(
      "(root): not valid JSON at line 1, column 10: Unexpected token '}'",
    );
    expect(message('{"site": ')).toBe(
      "(root): not valid JSON at line 1, column 10: Unexpected end of JSON input",
    );
    expect(message("{\r\n}}")).toBe(
      "(root): not valid JSON at line 2, column 2: Unexpected non-whitespace character after JSON",
    );
  });

  it.each([
    '{"a": 01}',
    "[1.]",
    '"\\x"',
    '{"a" 1}',
    "[1, 2",
    '{"a": "x\ny"}',
    '{"a": [1, {"b": -}]}',
    '{"a": "\\u12G4"}',
    "{} x",
  ])("finds the error where V8 does, for the errors it gives no position for: %j", (text) => {
    let v8 = -1;
    try {
      JSON.parse(text);
    } catch (error) {
      v8 = Number(/at position (\d+)/.exec((error as Error).message)?.[1]);
    }
    expect(jsonErrorOffset(text)).toBe(v8);
  });

  it("loads a file and reports a missing file with a hint", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crier-config-"));
    const file = path.join(dir, "feeds.config.json");
    await writeFile(file, JSON.stringify({ site, sources: [feed("a")] }));
    const loaded = await loadConfig(file);
    expect(loaded.dir).toBe(dir);
    expect(loaded.config.sources[0]!.id).toBe("a");
    await expect(loadConfig(path.join(dir, "missing.json"))).rejects.toThrow(/file not found; pass --config/);
  });

  it("accepts the bundled feeds.config.json", async () => {
    const loaded = await loadConfig(new URL("../../feeds.config.json", import.meta.url).pathname);
    expect(loaded.config.sources.length).toBeGreaterThanOrEqual(4);
  });
});
