/**
 * Page-side helpers every synthetic feed script starts with, as JavaScript source (the
 * feed runs in the page, not in Node). Defines, for the markup in `html`:
 * - `proto`: the post prototype, to clone per post;
 * - `slots` and `at(root, slots.name)`: the elements marked `data-slot="name"`, resolved
 *   once to child-index paths (the markers are stripped, so posts carry none);
 * - `noise(i, salt)`: deterministic per-index noise, so every run shows the same posts.
 */
export function feedPrelude(html: string): string {
  return `const template = document.createElement('template');
  template.innerHTML = ${JSON.stringify(html)};
  const proto = template.content.firstElementChild;
  const slots = {};
  for (const el of proto.querySelectorAll('[data-slot]')) {
    const path = [];
    for (let n = el; n !== proto; n = n.parentElement) path.unshift(Array.prototype.indexOf.call(n.parentElement.children, n));
    slots[el.getAttribute('data-slot')] = path;
    el.removeAttribute('data-slot');
  }
  const at = (root, path) => { let n = root; for (const i of path) n = n.children[i]; return n; };
  const noise = (i, salt) => {
    let x = (i * 0x9e3779b1 + salt) | 0;
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
  };`;
}
