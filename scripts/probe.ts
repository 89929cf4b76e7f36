import { buildTestApp, getJson } from '/work/main/tests/helpers/app.js';
const app = await buildTestApp();
const sel = new Function('b', `return (${process.env.SEL ?? 'b'})`);
for (const url of process.argv.slice(2)) {
  const r = await getJson(app, url);
  console.log(url, r.status, JSON.stringify(sel(r.body), null, 0).slice(0, Number(process.env.MAX ?? 6000)));
}
await app.close();
