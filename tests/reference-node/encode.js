// Encodes texts with the reference Hugging Face tokenizers (Node binding of the Rust library).
// Usage: node encode.js <tokenizer.json> [encode|decode] < texts.json (a JSON list) > ids.json
'use strict';
const { Tokenizer } = require('tokenizers');

async function main() {
  const [file, mode = 'encode'] = process.argv.slice(2);
  const tokenizer = Tokenizer.fromFile(file);
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const inputs = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  let out;
  if (mode === 'encode') {
    // One call per text: encodeBatch would be faster but its inputs must be non-empty in some versions.
    out = [];
    for (const text of inputs) out.push((await tokenizer.encode(text, null, { addSpecialTokens: false })).getIds());
  } else if (mode === 'decode') {
    out = [];
    for (const ids of inputs) out.push(await tokenizer.decode(ids, true));
  } else if (mode === 'time') {
    // Tokens per second over the inputs, batched as a counting run would be.
    const start = process.hrtime.bigint();
    let tokens = 0;
    for (let i = 0; i < inputs.length; i += 1000) {
      const batch = await tokenizer.encodeBatch(inputs.slice(i, i + 1000), { addSpecialTokens: false });
      for (const e of batch) tokens += e.getIds().length;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    out = { tokens, seconds };
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch(e => { console.error(e); process.exit(1); });
