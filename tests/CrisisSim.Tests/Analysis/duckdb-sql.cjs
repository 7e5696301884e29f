// Runs the SQL on standard input in DuckDB (@duckdb/node-api), statement by statement, and prints each result that
// has columns as CSV (a header line, its rows, a blank line), NULL as an empty cell. AnalysisDocTests runs
// docs/analysis.md's DuckDB snippets with it. The folder holding node_modules is the first argument (.ci/tools).
const { createRequire } = require('node:module');
const path = require('node:path');
const { DuckDBInstance } = createRequire(path.resolve(process.argv[2]) + path.sep)('@duckdb/node-api');

function cell(v) {
  if (v === null || v === undefined) return '';
  const text = String(v);
  return /[",\r\n]/.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text;
}

(async () => {
  const sql = require('node:fs').readFileSync(0, 'utf8');
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  const statements = await connection.extractStatements(sql);
  for (let i = 0; i < statements.count; i++) {
    const prepared = await statements.prepare(i);
    const result = await prepared.runAndReadAll();
    if (result.columnCount === 0 || result.columnNames()[0] === 'Count') continue;
    const lines = [result.columnNames().map(cell).join(',')];
    for (const row of result.getRows()) lines.push(row.map(cell).join(','));
    process.stdout.write(lines.join('\n') + '\n\n');
  }
})().catch(e => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });
