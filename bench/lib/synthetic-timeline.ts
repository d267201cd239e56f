import { feedPrelude } from './feed-script';
import type { BenchSite } from './site';

/*
 * A synthetic x.com home timeline. The markup follows X's 2024–2025 home timeline (React
 * Native Web atomic classes, virtualised absolutely positioned cells); see the saved pages
 * under ../shared/fixtures/x/ and ../shared/SITES.md. Only the structure matters to the
 * overlay: class names are X-like so style matching costs something, not copied rules.
 */

/** Vertical step between cells; X measures each cell, a fixed step avoids forced layouts. */
const CELL_HEIGHT_PX = 120;

/** Post ids start above 2^53 so that any `Number` conversion shows up as a wrong id. */
const POST_ID_BASE = '1790000000000000000';

const CUSTOMER_COUNT = 200;

const BOX = 'css-175oi2r';
const TEXT = 'css-146c3p1 r-bcqeeo r-1ttztb7 r-qvutc0 r-37j5jr r-a023e6 r-rjixqe r-16dba41';
const SPAN = 'css-1jxf684 r-bcqeeo r-1ttztb7 r-qvutc0 r-poiln3';
const ICON = 'r-4qtqp9 r-yyyyoo r-dnmrzs r-bnwqim r-lrvibr r-m6rgpd r-50lct3 r-1srniue';
const PRIMARY = 'color: rgb(231, 233, 234);';
const SECONDARY = 'color: rgb(113, 118, 123);';
const SQUARE = '<div class="r-1adg3ll r-13qz1uu" style="padding-bottom: 100%;"></div>';

const ICON_PATHS: Record<string, string> = {
  caret: 'M3 12c0-1.1.9-2 2-2s2 .9 2 2-.9 2-2 2-2-.9-2-2zm9 2c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2z',
  reply: 'M1.751 10c0-4.42 3.584-8 8.005-8h4.366c4.49 0 7.501 3.58 7.501 8s-3.01 8-7.5 8H9.756z',
  retweet: 'M4.5 3.88l4.432 4.14-1.364 1.46L5.5 7.55V16c0 1.1.896 2 2 2H13v2H7.5c-2.209 0-4-1.79-4-4z',
  like: 'M16.697 5.5c-1.222-.06-2.679.51-3.89 2.16l-.805 1.09-.806-1.09C9.984 6.01 8.526 5.44 7.304 5.5z',
  bookmark: 'M4 4.5C4 3.12 5.119 2 6.5 2h11C18.881 2 20 3.12 20 4.5v18.44l-8-5.71-8 5.71V4.5z',
  share: 'M12 2.59l5.7 5.7-1.41 1.42L13 6.41V16h-2V6.41l-3.3 3.3-1.41-1.42L12 2.59zM21 15l-.02 3.51z',
};

function icon(name: string): string {
  return `<svg viewBox="0 0 24 24" aria-hidden="true" class="${ICON}"><g><path d="${ICON_PATHS[name] ?? ''}"></path></g></svg>`;
}

function actionButton(testId: string, withCount: boolean): string {
  const count = withCount
    ? `<div class="${BOX} r-xoduu5 r-1udh08x"><span data-testid="app-text-transition-container" style="transform: translate3d(0px, 0px, 0px); transition-property: transform; transition-duration: 0.3s;"><span class="${SPAN} r-n6v787 r-1cwl3u0"><span data-slot="${testId}Count" class="${SPAN}">0</span></span></span></div>`
    : '';
  return `<div class="${BOX} r-18u37iz r-1h0z5md r-13awgt0">
<button data-slot="${testId}" aria-label="" role="button" class="${BOX} r-1777fci r-bt1l66 r-bztko3 r-lrvibr r-1loqt21 r-1ny4l3l" data-testid="${testId}" type="button">
<div dir="ltr" class="${TEXT} r-1awozwy r-6koalj r-1h0z5md r-o7ynqc r-clp7b1 r-3s2u2q" style="${SECONDARY}">
<div class="${BOX} r-xoduu5"><div class="${BOX} r-xoduu5 r-1p0dtai r-1d2f490 r-u8s1d r-zchlnj r-ipm5af r-1niwhzg r-sdzlij"></div>${icon(testId)}</div>${count}
</div></button></div>`;
}

/**
 * One timeline cell. `data-slot` marks the elements filled per post; the page resolves
 * them to child-index paths once and strips the markers, so posts carry none.
 */
function xCellHtml(): string {
  const avatar = `<div class="${BOX} r-18kxxzh r-1wron08 r-onrtq4 r-1awozwy" data-testid="Tweet-User-Avatar">
<div class="${BOX} r-1wbh5a2 r-dnmrzs"><div data-slot="avatar" class="${BOX} r-bztko3 r-1adg3ll" data-testid="UserAvatar-Container-" style="width: 40px; height: 40px;">
${SQUARE}<div class="r-1p0dtai r-1pi2tsx r-u8s1d r-1d2f490 r-ipm5af r-13qz1uu">
<div class="${BOX} r-1adg3ll r-1pi2tsx r-13qz1uu r-45ll9u r-u8s1d r-1v2oles r-176fswd r-bztko3">${SQUARE}
<div class="r-1p0dtai r-1pi2tsx r-u8s1d r-1d2f490 r-ipm5af r-13qz1uu">
<div class="${BOX} r-sdzlij r-1udh08x r-5f1w11 r-u8s1d r-8jfcpp" style="width: calc(100% + 4px); height: calc(100% + 4px);">
<a data-slot="avatarLink" href="/" role="link" tabindex="-1" class="${BOX} r-1pi2tsx r-13qz1uu r-o7ynqc r-6416eg r-1ny4l3l r-1loqt21">
<div class="${BOX} r-sdzlij r-1udh08x r-633pao r-45ll9u r-u8s1d" style="width: calc(100% - 4px); height: calc(100% - 4px);"><div class="${BOX} r-1pi2tsx r-13qz1uu"></div></div>
<div class="${BOX} r-sdzlij r-1udh08x r-633pao r-45ll9u r-u8s1d" style="width: calc(100% - 4px); height: calc(100% - 4px);">
<div class="${BOX} r-1adg3ll r-1udh08x">${SQUARE}<div class="r-1p0dtai r-1pi2tsx r-u8s1d r-1d2f490 r-ipm5af r-13qz1uu">
<div aria-label="" class="${BOX} r-1mlwlqe r-1udh08x r-417010 r-1p0dtai r-1d2f490 r-u8s1d r-zchlnj r-ipm5af">
<div class="${BOX} r-vvn4in r-u6sd8q r-1p0dtai r-1pi2tsx r-13qz1uu r-1d2f490 r-u8s1d r-4gszlv"></div><img alt="" draggable="true" class="css-9pa8cd">
</div></div></div></div></a></div></div></div></div></div></div></div>`;

  const userName = `<div class="${BOX} r-1wbh5a2 r-dnmrzs r-1ny4l3l r-1awozwy r-18u37iz" data-testid="User-Name">
<div class="${BOX} r-1awozwy r-18u37iz r-1wbh5a2 r-dnmrzs"><div class="${BOX} r-1wbh5a2 r-dnmrzs">
<a data-slot="nameLink" href="/" role="link" class="${BOX} r-1wbh5a2 r-dnmrzs r-1ny4l3l r-1loqt21">
<div class="${BOX} r-1awozwy r-18u37iz r-1wbh5a2 r-dnmrzs">
<div dir="ltr" class="${TEXT} r-b88u0q r-1awozwy r-6koalj r-1udh08x r-3s2u2q" style="${PRIMARY}"><span class="${SPAN} r-dnmrzs r-1udh08x r-1udbk01 r-3s2u2q"><span data-slot="name" class="${SPAN}"></span></span></div>
<div dir="ltr" class="${TEXT} r-xoduu5 r-18u37iz r-1q142lx" style="${PRIMARY}"><span class="${SPAN} r-1awozwy r-xoduu5"></span></div>
</div></a></div></div>
<div class="${BOX} r-18u37iz r-1wbh5a2 r-13hce6t"><div class="${BOX} r-1d09ksm r-18u37iz r-1wbh5a2">
<div class="${BOX} r-1wbh5a2 r-dnmrzs"><a data-slot="handleLink" href="/" role="link" tabindex="-1" class="${BOX} r-1wbh5a2 r-dnmrzs r-1ny4l3l r-1loqt21">
<div dir="ltr" class="${TEXT} r-1udh08x r-3s2u2q" style="${SECONDARY}"><span data-slot="handle" class="${SPAN}"></span></div></a></div>
<div dir="ltr" aria-hidden="true" class="${TEXT} r-1q142lx r-s1qlax" style="${SECONDARY}"><span class="${SPAN}">·</span></div>
<div class="${BOX} r-18u37iz r-1q142lx"><a data-slot="permalink" href="/" dir="ltr" aria-label="" role="link" class="${TEXT} r-xoduu5 r-1q142lx r-1w6e6rj r-9aw3ui r-3s2u2q r-1loqt21" style="${SECONDARY}"><time data-slot="time" datetime=""></time></a></div>
</div></div></div>`;

  const caret = `<div class="${BOX} r-1kkk96v"><div class="${BOX} r-1awozwy r-18u37iz r-1cmwbt1 r-1wtj0ep"><div class="${BOX} r-1awozwy r-6koalj r-18u37iz">
<div class="${BOX}"><div class="${BOX} r-18u37iz r-1h0z5md">
<button aria-expanded="false" aria-haspopup="menu" aria-label="More" role="button" class="${BOX} r-1777fci r-bt1l66 r-bztko3 r-lrvibr r-1loqt21 r-1ny4l3l" data-testid="caret" type="button">
<div dir="ltr" class="${TEXT} r-1awozwy r-6koalj r-1h0z5md r-o7ynqc r-clp7b1 r-3s2u2q" style="${SECONDARY}"><div class="${BOX} r-xoduu5"><div class="${BOX} r-xoduu5 r-1p0dtai r-1d2f490 r-u8s1d r-zchlnj r-ipm5af r-1niwhzg r-sdzlij"></div>${icon('caret')}</div></div>
</button></div></div></div></div></div>`;

  const header = `<div class="${BOX} r-zl2h9q"><div class="${BOX} r-k4xj1c r-18u37iz r-1wtj0ep">
<div class="${BOX} r-1d09ksm r-18u37iz r-1wbh5a2"><div class="${BOX} r-1wbh5a2 r-dnmrzs r-1ny4l3l">${userName}</div></div>
${caret}</div></div>`;

  const text = `<div class="${BOX}"><div dir="auto" lang="en" class="${TEXT} r-8akbws r-krxsd3 r-dnmrzs r-1udh08x r-1udbk01 r-bnwqim" data-testid="tweetText" style="${PRIMARY}"><span data-slot="text" class="${SPAN}"></span></div></div>`;

  const actions = `<div class="${BOX}"><div class="${BOX} r-1kbdv8c">
<div data-slot="group" aria-label="" role="group" class="${BOX} r-18u37iz r-1wtj0ep r-1ye8kvj r-1s2bzr4">
${actionButton('reply', true)}${actionButton('retweet', true)}${actionButton('like', true)}${actionButton('bookmark', false)}${actionButton('share', false)}
</div></div></div>`;

  const html = `<div data-testid="cellInnerDiv" style="transform: translateY(0px); position: absolute; width: 100%;">
<div class="${BOX} r-1igl3o0 r-qklmqi r-1adg3ll r-1ny4l3l"><div class="${BOX}">
<article role="article" tabindex="0" class="${BOX} r-18u37iz r-1udh08x r-i023vh r-1qhn6m8 r-o7ynqc r-6416eg r-1ny4l3l r-1loqt21" data-testid="tweet">
<div class="${BOX} r-eqz5dr r-16y2uox r-1wbh5a2"><div class="${BOX} r-16y2uox r-1wbh5a2 r-1ny4l3l">
<div class="${BOX}"><div class="${BOX} r-18u37iz"><div class="${BOX} r-1iusvr4 r-16y2uox r-ttdzmv"></div></div></div>
<div class="${BOX} r-18u37iz">
<div class="${BOX} r-18kxxzh r-1wron08 r-onrtq4 r-1awozwy">${avatar}</div>
<div class="${BOX} r-1iusvr4 r-16y2uox r-1777fci r-kzbkwu">${header}${text}${actions}</div>
</div></div></div></article></div></div></div>`;
  // Whitespace between tags would become text nodes X does not have.
  return html.replace(/>\s+</g, '><');
}

/** Distinct, mixed-case handles (≤ 15 characters) so customers repeat across posts. */
function customerHandles(): { handles: string[]; names: string[] } {
  const first = ['acme', 'Jane', 'bob', 'Maria', 'kenji', 'Studio', 'north', 'Blue', 'coffee', 'Ravi',
    'lena', 'Omar', 'pixel', 'Sakura', 'tom', 'Delta', 'nina', 'Atlas', 'yusuf', 'Mila'];
  const second = ['support', 'Dev', 'shop', 'HQ', 'fan', 'writes', 'Labs', 'daily', 'ops', 'Co'];
  const handles: string[] = [];
  const names: string[] = [];
  for (let k = 0; k < CUSTOMER_COUNT; k += 1) {
    const a = first[k % first.length] ?? 'user';
    const b = second[Math.floor(k / first.length) % second.length] ?? 'x';
    handles.push(`${a}_${b}${k >= first.length * second.length ? k : ''}`);
    names.push(`${a.charAt(0).toUpperCase()}${a.slice(1)} ${b.charAt(0).toUpperCase()}${b.slice(1)}`);
  }
  return { handles, names };
}

const POST_TEXTS: readonly string[] = [
  'My order still has not arrived, it has been two weeks. Can someone help?',
  'Loving the new update, the dark mode looks great!',
  'Is there a way to change the delivery address after checkout?',
  'Third time asking: why was I charged twice this month?',
  'Thanks for the quick reply yesterday, all sorted now.',
  'The app crashes every time I open settings on Android 14.',
  'When is the spring collection coming back in stock?',
  'Can I get an invoice with our company VAT number on it?',
  'Your support team is amazing, shout-out to whoever answered my DM.',
  'Still waiting on that refund. Order number is in my DMs.',
  'Any plans for a family plan? Would switch today.',
  'Quick question about the warranty on the blue model.',
];

/**
 * Page-side feed: clones the cell prototype per post, fills it and appends it to the
 * virtual list, as X's infinite scroll does. Plain JavaScript: it runs in the page.
 */
function feedScript(): string {
  const { handles, names } = customerHandles();
  return `(() => {
  const HANDLES = ${JSON.stringify(handles)};
  const NAMES = ${JSON.stringify(names)};
  const TEXTS = ${JSON.stringify(POST_TEXTS)};
  const CELL_HEIGHT = ${CELL_HEIGHT_PX};
  const ID_BASE = BigInt('${POST_ID_BASE}');
  const NOW = Date.now();
  ${feedPrelude(xCellHtml())}
  const list = document.querySelector('[aria-label="Timeline: Your Home Timeline"] > div');
  const setCount = (cell, name, n, label) => {
    at(cell, slots[name]).setAttribute('aria-label', n + ' ' + label);
    const count = slots[name + 'Count'];
    if (count) at(cell, count).textContent = n > 0 ? String(n) : '';
  };
  window.__kotaeBenchFeed = {
    root: list,
    append(i) {
      const cell = proto.cloneNode(true);
      // Skewed pick: a few customers post often, most rarely.
      const c = Math.floor(HANDLES.length * noise(i, 1) ** 2);
      const handle = HANDLES[c];
      const profile = '/' + handle;
      const id = (ID_BASE + BigInt(i)).toString();
      const posted = new Date(NOW - 60000 - i * 47000);
      const ageMin = Math.floor((NOW - posted.getTime()) / 60000);
      cell.style.transform = 'translateY(' + i * CELL_HEIGHT + 'px)';
      at(cell, slots.avatar).setAttribute('data-testid', 'UserAvatar-Container-' + handle);
      at(cell, slots.avatarLink).setAttribute('href', profile);
      at(cell, slots.nameLink).setAttribute('href', profile);
      at(cell, slots.handleLink).setAttribute('href', profile);
      at(cell, slots.name).textContent = NAMES[c];
      at(cell, slots.handle).textContent = '@' + handle;
      const permalink = at(cell, slots.permalink);
      permalink.setAttribute('href', profile + '/status/' + id);
      permalink.setAttribute('aria-label', posted.toUTCString());
      const time = at(cell, slots.time);
      time.setAttribute('datetime', posted.toISOString());
      time.textContent = ageMin < 60 ? ageMin + 'm' : Math.floor(ageMin / 60) + 'h';
      at(cell, slots.text).textContent = TEXTS[i % TEXTS.length];
      const replies = Math.floor(noise(i, 2) * 40);
      const reposts = Math.floor(noise(i, 3) * 90);
      const likes = Math.floor(noise(i, 4) * 900);
      setCount(cell, 'reply', replies, 'Replies. Reply');
      setCount(cell, 'retweet', reposts, 'reposts. Repost');
      setCount(cell, 'like', likes, 'Likes. Like');
      at(cell, slots.group).setAttribute('aria-label', replies + ' replies, ' + reposts + ' reposts, ' + likes + ' likes');
      list.appendChild(cell);
      return { node: cell, postId: id, customerId: handle.toLowerCase() };
    },
    afterBatch(n) {
      list.style.minHeight = n * CELL_HEIGHT + 'px';
    },
  };
})();`;
}

// A small atomic stylesheet in X's manner: most boxes are column flex containers.
const STYLES = `
html, body { margin: 0; background: #000; color: rgb(231, 233, 234); font: 15px -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
.css-175oi2r { align-items: stretch; background-color: rgba(0,0,0,0); border: 0 solid black; color: inherit; text-decoration: none; box-sizing: border-box; display: flex; flex-basis: auto; flex-direction: column; flex-shrink: 0; list-style: none; margin: 0; min-height: 0; min-width: 0; padding: 0; position: relative; z-index: 0; }
.css-146c3p1 { background-color: rgba(0,0,0,0); border: 0 solid black; box-sizing: border-box; color: black; display: inline; font: 14px -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; list-style: none; margin: 0; padding: 0; position: relative; text-align: inherit; text-decoration: none; white-space: pre-wrap; overflow-wrap: break-word; }
.css-1jxf684 { background-color: rgba(0,0,0,0); border: 0 solid black; box-sizing: border-box; color: inherit; display: inline; font: inherit; list-style: none; margin: 0; padding: 0; position: relative; text-align: inherit; text-decoration: none; white-space: inherit; overflow-wrap: break-word; }
.css-9pa8cd { inset: 0; height: 100%; opacity: 0; position: absolute; width: 100%; z-index: -1; }
.r-18u37iz { flex-direction: row; }
.r-16y2uox { flex-grow: 1; }
.r-1iusvr4 { flex-basis: 0px; }
.r-1wbh5a2 { flex-shrink: 1; }
.r-dnmrzs { max-width: 100%; }
.r-1777fci { justify-content: center; }
.r-1wtj0ep { justify-content: space-between; }
.r-1awozwy { align-items: center; }
.r-6koalj { display: flex; }
.r-1adg3ll { display: block; }
.r-13qz1uu { width: 100%; }
.r-1pi2tsx { height: 100%; }
.r-u8s1d { position: absolute; }
.r-1p0dtai { bottom: 0px; } .r-1d2f490 { left: 0px; } .r-zchlnj { right: 0px; } .r-ipm5af { top: 0px; }
.r-bztko3 { overflow: visible; } .r-1udh08x { overflow: hidden; }
.r-sdzlij { border-radius: 9999px; }
.r-1ny4l3l { outline-style: none; }
.r-1loqt21 { cursor: pointer; }
.r-o7ynqc { transition-duration: 0.2s; } .r-6416eg { transition-property: background-color, box-shadow; }
.r-1igl3o0 { border-bottom-color: rgb(47, 51, 54); } .r-qklmqi { border-bottom-width: 1px; }
.r-1qhn6m8 { padding-left: 16px; } .r-i023vh { padding-right: 16px; }
.r-18kxxzh { flex-basis: 40px; } .r-1wron08 { flex-grow: 0; } .r-onrtq4 { margin-right: 8px; }
.r-kzbkwu { padding-bottom: 12px; } .r-ttdzmv { padding-top: 12px; } .r-zl2h9q { margin-bottom: 2px; }
.r-1kbdv8c { margin-top: 12px; } .r-1h0z5md { justify-content: flex-start; } .r-13awgt0 { flex: 1 1 0px; }
.r-xoduu5 { display: inline-flex; } .r-3s2u2q { text-overflow: ellipsis; white-space: nowrap; }
.r-bcqeeo { min-width: 0px; } .r-qvutc0 { overflow-wrap: break-word; } .r-37j5jr { font-family: "TwitterChirp", sans-serif; }
.r-a023e6 { font-size: 15px; } .r-rjixqe { line-height: 20px; } .r-16dba41 { font-weight: 400; } .r-b88u0q { font-weight: 700; }
.r-4qtqp9 { display: inline-block; } .r-yyyyoo { fill: currentcolor; } .r-50lct3 { height: 1.25em; } .r-1srniue { max-width: 100%; }
.r-lrvibr { user-select: none; } .r-bt1l66 { min-height: 20px; } .r-1niwhzg { background-color: rgba(0,0,0,0); }
.r-kemksi { background-color: #000; } .r-vvn4in { background-color: rgb(51, 54, 57); } .r-1ye8kvj { max-width: 600px; } .r-f8sm7e { margin-left: auto; }
.visually-hidden { clip: rect(1px, 1px, 1px, 1px); height: 1px; overflow: hidden; position: absolute; width: 1px; }
`;

/** The complete x.com/home document: shell, empty virtual list and the feed script. */
export function xTimelinePage(): string {
  const navLinks = ['Home', 'Explore', 'Notifications', 'Messages', 'Bookmarks', 'Profile']
    .map((label) => `<a href="/${label.toLowerCase()}" role="link" class="${BOX} r-1loqt21"><div class="${BOX} r-18u37iz"><div dir="ltr" class="${TEXT}" style="${PRIMARY}"><span class="${SPAN}">${label}</span></div></div></a>`)
    .join('');
  return `<!DOCTYPE html>
<html dir="ltr" lang="en"><head><meta charset="utf-8"><title>Home / X</title><style>${STYLES}</style></head>
<body><div id="react-root"><div class="${BOX} r-13awgt0"><div class="${BOX} r-18u37iz r-13qz1uu">
<header role="banner" class="${BOX} r-lrvibr r-1g40b8q r-obd0qt r-16y2uox" style="width: 275px;"><div class="${BOX}"><nav role="navigation" aria-label="Primary header" class="${BOX}">${navLinks}</nav></div></header>
<main role="main" class="${BOX} r-16y2uox r-1wbh5a2"><div class="${BOX} r-150rngu r-16y2uox r-1wbh5a2 r-rthrr5"><div class="${BOX} r-aqfbo4 r-16y2uox"><div class="${BOX} r-1oszu61 r-18u37iz r-16y2uox r-13qz1uu">
<div class="${BOX} r-kemksi r-16y2uox r-1ye8kvj r-13qz1uu" data-testid="primaryColumn" style="width: 600px;">
<div class="${BOX} r-aqfbo4"><div class="${BOX} r-18u37iz"><h2 dir="ltr" aria-level="2" role="heading" class="${TEXT}" style="${PRIMARY}"><span class="${SPAN}">Home</span></h2></div>
<nav role="navigation" aria-live="polite" class="${BOX} r-18u37iz"><div role="tablist" class="${BOX} r-18u37iz"><div role="presentation" class="${BOX} r-16y2uox"><a href="/home" role="tab" aria-selected="true" class="${BOX}"><span class="${SPAN}">For you</span></a></div><div role="presentation" class="${BOX} r-16y2uox"><a href="/home" role="tab" aria-selected="false" class="${BOX}"><span class="${SPAN}">Following</span></a></div></div></nav></div>
<div class="${BOX}"><section aria-labelledby="accessible-list-1" role="region" class="${BOX}">
<h1 id="accessible-list-1" dir="ltr" aria-level="1" role="heading" class="visually-hidden">Your Home Timeline</h1>
<div aria-label="Timeline: Your Home Timeline" class="${BOX}"><div style="position: relative; min-height: 0px;"></div></div>
</section></div></div>
<div class="${BOX} r-aqfbo4" data-testid="sidebarColumn" style="width: 350px;"><div class="${BOX}"><form role="search" class="${BOX}"><input aria-label="Search query" placeholder="Search" type="text"></form></div></div>
</div></div></div></main></div></div></div>
<script>${feedScript()}</script>
</body></html>`;
}

/** The x.com site as the overlay harness sees it. */
export const xSite: BenchSite = {
  name: 'x.com home timeline (synthetic)',
  platform: 'x',
  url: 'https://x.com/home',
  routePatterns: ['https://x.com/**', 'https://twitter.com/**', 'https://*.twimg.com/**'],
  pageHtml: xTimelinePage,
};
