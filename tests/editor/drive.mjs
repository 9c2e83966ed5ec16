// Drives the Red Hat YAML language server (the one VS Code's YAML extension runs) over stdio
// with the project's schema, the way an editor does, and prints what it answered as JSON:
//   node drive.mjs SCHEMA.json CASES.json
// CASES is a list of { "name", "text", "line", "character", "request": "completion"|"hover"|"diagnostics" }.
// tests/it/editor.rs writes the cases and judges the answers.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [schemaPath, casesPath] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesPath, "utf8"));
const server = spawn(process.execPath, [
  join(here, "node_modules/yaml-language-server/bin/yaml-language-server"),
  "--stdio",
]);
server.stderr.pipe(process.stderr);

let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const diagnostics = new Map();
server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
    buffer = buffer.subarray(headerEnd + 4 + length);
    receive(message);
  }
});

function receive(message) {
  if (message.id !== undefined && pending.has(message.id)) {
    pending.get(message.id)(message.result);
    pending.delete(message.id);
  } else if (message.method === "textDocument/publishDiagnostics") {
    diagnostics.set(message.params.uri, message.params.diagnostics);
  } else if (message.id !== undefined && message.method) {
    // The server asks for its configuration: the schema for every YAML file.
    const settings = message.method === "workspace/configuration"
      ? message.params.items.map(() => yamlSettings())
      : null;
    send({ jsonrpc: "2.0", id: message.id, result: settings });
  }
}

function send(message) {
  const body = Buffer.from(JSON.stringify(message));
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}

function request(method, params) {
  const id = nextId++;
  send({ jsonrpc: "2.0", id, method, params });
  return new Promise((resolve) => pending.set(id, resolve));
}

function notify(method, params) {
  send({ jsonrpc: "2.0", method, params });
}

function yamlSettings() {
  return {
    validate: true,
    hover: true,
    completion: true,
    schemas: { [pathToFileURL(schemaPath).href]: "*.yaml" },
  };
}

// The server reads the schema after `initialized`; until then it completes nothing.
async function untilTheSchemaIsLoaded() {
  const uri = "file:///tmp/jixiao-editor/warm-up.yaml";
  notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text: "预算:\n  " } });
  for (let waited = 0; waited < 30000; waited += 100) {
    const result = await request("textDocument/completion", { textDocument: { uri }, position: { line: 1, character: 2 } });
    if (result && result.items && result.items.length > 0) return;
    await sleep(100);
  }
  throw new Error("the schema was never loaded");
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  await request("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      textDocument: {
        completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } },
        hover: { contentFormat: ["markdown", "plaintext"] },
      },
      workspace: { configuration: true },
    },
  });
  notify("initialized", {});
  notify("workspace/didChangeConfiguration", { settings: { yaml: yamlSettings() } });
  await untilTheSchemaIsLoaded();
  const answers = [];
  for (const [index, item] of cases.entries()) {
    const uri = `file:///tmp/jixiao-editor/case${index}.yaml`;
    notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text: item.text } });
    const position = { line: item.line ?? 0, character: item.character ?? 0 };
    let result;
    if (item.request === "diagnostics") {
      for (let waited = 0; !diagnostics.has(uri) && waited < 10000; waited += 50) await sleep(50);
      result = diagnostics.get(uri) ?? null;
    } else {
      result = await request(`textDocument/${item.request}`, { textDocument: { uri }, position });
    }
    answers.push({ name: item.name, result });
  }
  await request("shutdown", null);
  notify("exit", null);
  process.stdout.write(JSON.stringify(answers));
}

setTimeout(() => {
  process.stderr.write("yaml-language-server did not answer within 60 s\n");
  process.exit(3);
}, 60000).unref();
main().then(() => setTimeout(() => process.exit(0), 100));
