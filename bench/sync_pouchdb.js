// Peer for bench/sync_push.py: PouchDB (node, leveldb) replicating the same documents to
// pouchdb-server, one run per batch size. Usage:
//   node sync_pouchdb.js DOCS.json SERVER_URL BATCH_SIZE[,BATCH_SIZE...] [COUNTING_PROXY_URL]
// Prints one JSON line per run: {"batch_size", "seconds", "docs_written", "counted_via"}.
// The timed run goes straight to the server; when a counting proxy is given, a second run per
// batch size goes through it so the caller can read requests and bytes there.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const PouchDB = require("pouchdb-node");

async function runOnce(docs, remoteUrl, batchSize) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pouchbench-"));
  const local = new PouchDB(path.join(dir, "db"));
  await local.bulkDocs(docs);
  const remote = new PouchDB(remoteUrl);
  const started = process.hrtime.bigint();
  const info = await local.replicate.to(remote, { batch_size: batchSize, batches_limit: 10 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await local.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
  return { seconds, docs_written: info.docs_written };
}

async function main() {
  const [docsFile, server, sizes, proxy] = process.argv.slice(2);
  const docs = JSON.parse(fs.readFileSync(docsFile, "utf8"));
  let n = 0;
  for (const size of sizes.split(",").map(Number)) {
    n += 1;
    // A fresh remote database for every run (the pid keeps names apart between invocations).
    const timed = await runOnce(docs, `${server}/bench_${size}_${n}_${process.pid}`, size);
    const line = { batch_size: size, seconds: timed.seconds, docs_written: timed.docs_written };
    if (proxy) {
      const counted = await runOnce(docs, `${proxy}/bench_${size}_${n}_${process.pid}_c`, size);
      line.counted_via = proxy;
      line.counted_docs_written = counted.docs_written;
    }
    process.stdout.write(JSON.stringify(line) + "\n");
  }
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + "\n");
  process.exit(1);
});
