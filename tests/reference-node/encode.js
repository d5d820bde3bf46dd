// Encodes texts with the reference Hugging Face tokenizers (Node binding of the Rust library).
// Usage: node encode.js <tokenizer.json> [encode|encode-special|decode|time] [texts.json] > ids.json
//        (texts.json, a JSON list, is read from standard input when no file is given)
//        node encode.js <tokenizer.json> count <plain.txt>   (one sentence a line; prints {tokens, seconds})
'use strict';
const { Tokenizer } = require('tokenizers');

async function main() {
  const [file, mode = 'encode', input] = process.argv.slice(2);
  const tokenizer = Tokenizer.fromFile(file);
  if (mode === 'count') {
    const lines = require('fs').readFileSync(input, 'utf8').split('\n').filter(l => l.length > 0);
    process.stdout.write(JSON.stringify(await timeBatches(tokenizer, lines)));
    return;
  }
  let text;
  if (input) {
    text = require('fs').readFileSync(input, 'utf8');
  } else {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    text = Buffer.concat(chunks).toString('utf8');
  }
  const inputs = JSON.parse(text);
  let out;
  if (mode === 'encode') {
    // One call per text: encodeBatch would be faster but its inputs must be non-empty in some versions.
    out = [];
    for (const text of inputs) out.push((await tokenizer.encode(text, null, { addSpecialTokens: false })).getIds());
  } else if (mode === 'encode-special') {
    out = [];
    for (const text of inputs) out.push((await tokenizer.encode(text, null, { addSpecialTokens: true })).getIds());
  } else if (mode === 'decode') {
    out = [];
    for (const ids of inputs) out.push(await tokenizer.decode(ids, true));
  } else if (mode === 'time') {
    out = await timeBatches(tokenizer, inputs);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  process.stdout.write(JSON.stringify(out));
}

// Encodes in batches of 1,000 (encodeBatch spreads a batch over all cores) and counts the tokens.
async function timeBatches(tokenizer, texts) {
  const start = process.hrtime.bigint();
  let tokens = 0;
  for (let i = 0; i < texts.length; i += 1000) {
    const batch = await tokenizer.encodeBatch(texts.slice(i, i + 1000), { addSpecialTokens: false });
    for (const e of batch) tokens += e.getIds().length;
  }
  return { tokens, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

main().catch(e => { console.error(e); process.exit(1); });
