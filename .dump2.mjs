import { Window } from 'happy-dom';
import fs from 'fs';
const w = new Window();
const doc = w.document;
doc.write(fs.readFileSync(process.argv[2],'utf8'));
const a = doc.querySelectorAll('article')[0];
function show(el, depth, maxDepth) {
  if (depth > maxDepth) return;
  const attrs = [...el.attributes].filter(x=>!['style','aria-labelledby'].includes(x.name)).map(x=>x.name==='class'? '.'+x.value.split(' ').slice(0,6).join('.') : `${x.name}=${x.value}`).join(' ');
  const own = [...el.childNodes].filter(n=>n.nodeType===3).map(n=>n.textContent).join('').trim();
  if (['svg','path','g'].includes(el.tagName.toLowerCase())) { console.log(' '.repeat(depth)+'<svg>'); return; }
  console.log(' '.repeat(depth)+el.tagName.toLowerCase()+' '+attrs+(own?'  "'+own+'"':''));
  for (const c of el.children) show(c, depth+1, maxDepth);
}
show(a, 0, +process.argv[3]||40);
