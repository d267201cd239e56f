import { feedPrelude } from './feed-script';
import type { BenchSite } from './site';

/*
 * A synthetic facebook.com home feed. The markup follows the logged-in 2024–2025 feed as
 * tests/fixtures/facebook/home-feed.html models it from ../shared/SITES.md: posts are
 * div[aria-posinset][aria-describedby][aria-labelledby] wrappers with no roles, atomic class
 * names, the permalink on the relative time in the header, the message under
 * data-ad-preview. Posts are appended to the feed's end as Facebook's infinite scroll does
 * (no virtualisation: Facebook keeps the posts it has shown).
 */

const CUSTOMER_COUNT = 200;
/** Facebook people keyed by numeric id (half of them) or vanity name (the other half). */
const NUMERIC_ID_BASE = 100_000_000_000_000;
/** Numeric post ids above 2^53, so a `Number` conversion anywhere shows up as a wrong id. */
const POST_ID_BASE = '9007199254741000000';

const ICON = '<i aria-hidden="true" class="x1b0d499 xep6ejk" style="background-position: 0 -100px; width: 20px; height: 20px; display: inline-block;"></i>';

function actionButton(label: string, text: string): string {
  return `<div class="x9f619 x1n2onr6 x1ja2u2z x78zum5 x1r8uery x1iyjqo2 xs83m0k xeuugli">
<div aria-label="${label}" role="button" tabindex="0" class="x1i10hfl x1qjc9v5 xjbqb8w xjqpnuy xa49m3k xqeqjp1 x2hbi6w x13fuv20 xu3j5b3">
<div class="x9f619 x1n2onr6 x1ja2u2z x78zum5 xdt5ytf x193iq5w xeuugli x1r8uery x1iyjqo2 xs83m0k">
<div class="x6s0dn4 x78zum5 xl56j7k x1608yet xljgi0e x1e0frkt"><span class="x3nfvp2 x1c4vz4f x2lah0s x1emribx">${ICON}</span>
<span class="x193iq5w xeuugli x13faqbe x1vvkbs x1xmvt09 x1lliihq"><span class="x1lliihq x6ikm8r x10wlt62 x1n2onr6">${text}</span></span></div>
</div></div></div>`;
}

/**
 * One feed post. `data-slot` marks the elements filled per post; the page resolves them
 * to child-index paths once and strips the markers, so posts carry none.
 */
function facebookPostHtml(): string {
  const avatar = `<div class="x1cy8zhl x9f619 x78zum5 xl56j7k x2lwn1j xeuugli x47corl">
<div class="x1r8uery x1iyjqo2 x6ikm8r x10wlt62"><a data-slot="avatarLink" aria-label="" role="link" tabindex="0" class="x1i10hfl xjbqb8w x6umtig x1b1mbwd xaqea5y xav7gou x9f619">
<div class="x1rg5ohu x1n2onr6 x3ajldb x1ja2u2z"><svg aria-hidden="true" class="x3ajldb" data-visualcompletion="ignore-dynamic" role="none" style="height: 40px; width: 40px;">
<mask id="m"><circle cx="20" cy="20" fill="white" r="20"></circle></mask><g mask="url(#m)"><image x="0" y="0" height="100%" preserveAspectRatio="xMidYMid slice" width="100%" style="height: 40px; width: 40px;"></image>
<circle class="xbh8q5q x1pwv2dq xvlca1e" cx="20" cy="20" r="20"></circle></g></svg></div></a></div>`;
  const header = `<div class="x1iyjqo2 x1pi30zi x1swvt13">
<div class="xu06os2 x1ok221b"><span class="x193iq5w xeuugli x13faqbe x1vvkbs x1xmvt09 x1lliihq x1s928wv xhkezso x1gmr53x x1cpjm7i x1fgarty x1943h6x x4zkp8e x676frb x1nxh6w3 x1sibtaa xo1l8bm xzsf02u">
<h4 data-slot="title" class="x1heor9g x1qlqyl8 x1pd3egz x1a2a7pz x1gslohp x1yc453h"><span class="xt0psk2"><a data-slot="nameLink" role="link" tabindex="0" class="x1i10hfl xjbqb8w x1ejq31n xd10rxx x1sy0etr x17r0tee x972fbf xcfux6l">
<strong class="html-strong"><span data-slot="name" class="xt0psk2"></span></strong></a></span></h4></span></div>
<div class="xu06os2 x1ok221b"><span data-slot="meta" class="x193iq5w xeuugli x13faqbe x1vvkbs x1xmvt09 x1lliihq x1s928wv xhkezso x1gmr53x">
<span class="x4k7w5x x1h91t0o x1h9r5lt x1jfb8zj xv2umb2 x1beo9mf xaigb6o x12ejxvf x3igimt xarpa2k xedcshv x1lytzrv x1t2pt76 x7ja8zs x1qrby5j">
<span class="xt0psk2"><a data-slot="permalink" role="link" tabindex="0" class="x1i10hfl xjbqb8w x1ejq31n xd10rxx x1heor9g xt0b8zv xo1l8bm">
<span data-slot="age" class="x1rg5ohu x6ikm8r x10wlt62 x16dsc37 xt0b8zv"></span></a></span></span>
<span aria-hidden="true" class="xzpqnlu xjm9jq1 x6ikm8r x10wlt62 x10l6tqk x1i1rx1s"> · </span>
<span class="x1rg5ohu x6ikm8r x10wlt62 x16dsc37 xt0b8zv"><svg title="Shared with Public" class="x19dipnz x1lliihq x1k90msu x2h7rmj x1qfuztq" height="12" width="12" fill="currentColor"><g><path d="M8 0a8 8 0 1 0 0 16A8 8 0 0 0 8 0z"></path></g></svg></span></span></div></div>
<div class="x6s0dn4 x78zum5 x1q0g3np xozqiw3 x2lwn1j xeuugli x1iyjqo2 x19lwn94">
<div aria-label="Actions for this post" aria-expanded="false" aria-haspopup="menu" role="button" tabindex="0" class="x1i10hfl x1qjc9v5 xjbqb8w"><svg class="x19dipnz x1lliihq" height="20" width="20" fill="currentColor"><circle cx="10" cy="10" r="2"></circle></svg></div></div>`;
  const message = `<div data-slot="body" class="x1iorvi4 x1pi30zi x1l90r2v x1swvt13">
<div data-ad-comet-preview="message" data-ad-preview="message" class="x6s0dn4 x78zum5 xdt5ytf xz62fqu x16ldp7u">
<div class="x78zum5 xdt5ytf xz62fqu x16ldp7u"><div class="xu06os2 x1ok221b">
<span dir="auto" class="x193iq5w xeuugli x13faqbe x1vvkbs x1xmvt09 x1lliihq x1s928wv xhkezso x1gmr53x x1cpjm7i x1fgarty x1943h6x xudqn12 x3x7a5m x6prxxf xvq8zen xo1l8bm xzsf02u x1yc453h">
<div class="xdj266r x11i5rnm xat24cr x1mh8g0r x1vvkbs x126k92a"><div data-slot="text" dir="auto" style="text-align: start;"></div></div></span></div></div></div></div>`;
  const footer = `<div data-slot="footer" class="x1n2onr6 x1ja2u2z">
<div class="x6s0dn4 xi81zsa x78zum5 x6prxxf x13a6bvl xvq8zen xdj266r xktsk01 xat24cr x1d52u69 x889kno x4uap5 x1a8lsjc xkhd6sd">
<div class="x6s0dn4 x78zum5 x1iyjqo2 x6ikm8r x10wlt62"><span aria-label="See who reacted to this" role="toolbar" class="x1rg5ohu">
<span class="x1rg5ohu"><div aria-label="Like: 3 people" role="button" tabindex="0" class="x1i10hfl x1qjc9v5"><img alt="" height="18" role="presentation" width="18"></div></span></span>
<div class="x1i10hfl xjbqb8w"><span aria-hidden="true" class="xt0b8zv x2bj2ny xrbpyxo xl423tq"><span data-slot="reactions" class="x1e558r4"></span></span></div></div>
<div class="x9f619 x1n2onr6 x1ja2u2z x78zum5 x2lah0s x1qughib x1qjc9v5 xozqiw3 x1q0g3np"><div class="x1i10hfl xjbqb8w"><span data-slot="comments" dir="auto" class="x193iq5w xeuugli"></span></div></div></div>
<div class="x9f619 x1n2onr6 x1ja2u2z x78zum5 x2lah0s x1qughib x1qjc9v5 xozqiw3 x1q0g3np xykv574 xbmpl8g x4cne27 xifccgj">
${actionButton('Like', 'Like')}${actionButton('Leave a comment', 'Comment')}${actionButton('Send this to friends or post it on your profile.', 'Share')}
</div></div>`;
  const html = `<div class="x1yztbdb x1n2onr6 xh8yej3 x1ja2u2z">
<div data-slot="post" class="x1a2a7pz">
<div class="x1n2onr6 x1ja2u2z"><div class="x78zum5 xdt5ytf x1n2onr6"><div class="x9f619 x1n2onr6 x1ja2u2z"><div class="x1ey2m1c xds687c x17qophe xixxii4 x13vifvy x1h0vfkc"></div>
<div class="x78zum5 xdt5ytf xz62fqu x16ldp7u"><div class="xu06os2 x1ok221b"><div class="x1cy8zhl x9f619 x78zum5 x1q0g3np xozqiw3 x2lwn1j xeuugli">
${avatar}${header}
</div></div></div>
${message}
<div class="x1n2onr6"><div class="x10l6tqk x13vifvy" style="height: 8px;"></div></div>
${footer}
</div></div></div></div></div>`;
  // Whitespace between tags would become text nodes Facebook does not have.
  return html.replace(/>\s+</g, '><');
}

const FIRST = ['Aiko', 'Ben', 'Chloé', 'Daichi', 'Emma', 'Farid', 'Grace', 'Haruto', 'Ines', 'Jun',
  'Kenta', 'Lea', 'Mio', 'Noah', 'Olivia', 'Pedro', 'Rin', 'Sara', 'Takumi', 'Yui'];
const LAST = ['Tanaka', 'Walker', 'Dubois', 'Suzuki', 'Haddad', 'Sato', 'Moreau', 'Ito', 'Garcia', 'Kato'];

const POST_TEXTS: readonly string[] = [
  'My order still has not arrived, it has been two weeks. Can someone help?',
  '注文した商品がまだ届きません。確認していただけますか？',
  'Is there a way to change the delivery address after checkout?',
  'Third time asking: why was I charged twice this month?',
  '昨日はすぐに対応していただきありがとうございました！',
  'The app crashes every time I open settings on Android 14.',
  'When is the spring collection coming back in stock?',
  'Can I get an invoice with our company VAT number on it?',
  'サポートの方がとても親切でした。また利用します。',
  'Still waiting on that refund. Order number is in my messages.',
];

/** Page-side feed: clones the post prototype, fills it and appends it to the feed. */
function feedScript(): string {
  const names: string[] = [];
  const profiles: string[] = [];
  const keys: string[] = [];
  for (let k = 0; k < CUSTOMER_COUNT; k += 1) {
    const first = FIRST[k % FIRST.length] ?? 'Kotae';
    const last = LAST[Math.floor(k / FIRST.length) % LAST.length] ?? 'User';
    names.push(`${first} ${last}`);
    if (k % 2 === 0) {
      const id = String(NUMERIC_ID_BASE + k);
      profiles.push(`https://www.facebook.com/profile.php?id=${id}`);
      keys.push(id);
    } else {
      const vanity = `${first}.${last}.${k}`.normalize('NFD').replace(/[^A-Za-z0-9.]/g, '');
      profiles.push(`https://www.facebook.com/${vanity}`);
      keys.push(vanity.toLowerCase());
    }
  }
  return `(() => {
  const NAMES = ${JSON.stringify(names)};
  const PROFILES = ${JSON.stringify(profiles)};
  const KEYS = ${JSON.stringify(keys)};
  const TEXTS = ${JSON.stringify(POST_TEXTS)};
  const ID_BASE = BigInt('${POST_ID_BASE}');
  ${feedPrelude(facebookPostHtml())}
  const feed = document.querySelector('[role="main"] [data-pagelet="FeedUnits"]');
  const tracking = '?__cft__[0]=AZX' + 'k91&__tn__=%2CO%2CP-R';
  window.__kotaeBenchFeed = {
    root: feed,
    append(i) {
      const post = proto.cloneNode(true);
      const c = Math.floor(NAMES.length * noise(i, 1) ** 2);
      const id = (ID_BASE + BigInt(i)).toString();
      const ids = ':r' + i.toString(36);
      const wrapper = at(post, slots.post);
      wrapper.setAttribute('aria-posinset', String(i + 1));
      wrapper.setAttribute('aria-labelledby', ids + 'a:');
      wrapper.setAttribute('aria-describedby', ids + 'b: ' + ids + 'c: ' + ids + 'd:');
      at(post, slots.title).id = ids + 'a:';
      at(post, slots.meta).id = ids + 'b:';
      at(post, slots.body).id = ids + 'c:';
      at(post, slots.footer).id = ids + 'd:';
      const profile = PROFILES[c];
      const avatarLink = at(post, slots.avatarLink);
      avatarLink.setAttribute('href', profile + (profile.includes('?') ? '&' : '?') + '__tn__=%3C%2CP-R');
      avatarLink.setAttribute('aria-label', NAMES[c]);
      at(post, slots.nameLink).setAttribute('href', profile + (profile.includes('?') ? '&' : '?') + '__tn__=-UC%2CP-R');
      at(post, slots.name).textContent = NAMES[c];
      const owner = profile.includes('profile.php') ? 'https://www.facebook.com/permalink.php?story_fbid=' + id + '&id=' + KEYS[c] + '&__cft__[0]=AZX'
        : profile + '/posts/' + id + tracking;
      const permalink = at(post, slots.permalink);
      permalink.setAttribute('href', owner);
      const ageMin = 1 + (i % 50);
      permalink.setAttribute('aria-label', ageMin + 'm');
      at(post, slots.age).textContent = ageMin + 'm';
      at(post, slots.text).textContent = TEXTS[i % TEXTS.length];
      at(post, slots.reactions).textContent = String(Math.floor(noise(i, 4) * 90));
      at(post, slots.comments).textContent = Math.floor(noise(i, 2) * 30) + ' comments';
      feed.appendChild(post);
      return { node: post, postId: id, customerId: KEYS[c] };
    },
    afterBatch() {},
  };
})();`;
}

// A small atomic stylesheet in Facebook's manner.
const STYLES = `
html, body { margin: 0; background: #f0f2f5; color: #050505; font: 15px Segoe UI Historic, Segoe UI, Helvetica, Arial, sans-serif; }
.x1yztbdb { margin-bottom: 16px; } .x1n2onr6 { position: relative; } .xh8yej3 { width: 100%; } .x1ja2u2z { z-index: 0; }
.x78zum5 { display: flex; } .xdt5ytf { flex-direction: column; } .x1q0g3np { flex-direction: row; } .x6s0dn4 { align-items: center; }
.x1iyjqo2 { flex-grow: 1; } .xs83m0k { flex-basis: 0; } .xeuugli { min-width: 0; } .x1r8uery { flex-shrink: 1; }
.x9f619 { box-sizing: border-box; } .x1a2a7pz { outline: none; } .x1cy8zhl { align-items: flex-start; } .xl56j7k { justify-content: center; }
.x1pi30zi { padding-right: 16px; } .x1swvt13 { padding-left: 16px; } .x1iorvi4 { padding-top: 4px; } .x1l90r2v { padding-bottom: 16px; }
.xu06os2 { margin-top: 5px; } .x1ok221b { margin-bottom: 5px; } .x1heor9g { font-weight: 600; } .x1qlqyl8 { font-size: 15px; }
.x1i10hfl { cursor: pointer; color: inherit; text-decoration: none; } .x193iq5w { max-width: 100%; } .x1lliihq { display: block; }
.x3nfvp2 { display: inline-flex; } .x1rg5ohu { display: inline-block; } .x6ikm8r { overflow: hidden; } .x10wlt62 { overflow-x: hidden; }
.x1b0d499 { background-size: auto; } .xzpqnlu { color: #65676b; } .x1b1mbwd { border-radius: 50%; } .x3ajldb { display: block; }
.xykv574 { border-top: 1px solid #ced0d4; } .x1qughib { justify-content: space-between; } .xi81zsa { color: #65676b; }
[data-pagelet="FeedUnits"] > div > div { background: #fff; border-radius: 8px; box-shadow: 0 1px 2px rgba(0,0,0,0.2); max-width: 680px; margin: 0 auto; }
`;

/** The complete www.facebook.com document: shell, empty feed and the feed script. */
export function facebookFeedPage(): string {
  return `<!DOCTYPE html>
<html lang="en" dir="ltr" id="facebook" class="_9dls __fb-light-mode"><head><meta charset="utf-8"><title>Facebook</title><style>${STYLES}</style></head>
<body class="_6s5d _71pn system-fonts--body"><div id="mount_0_0_Kt" class="x9f619 x1n2onr6 x1ja2u2z">
<div role="banner" class="x78zum5 xdt5ytf x1n2onr6"><a href="https://www.facebook.com/" aria-label="Facebook" role="link"><svg aria-hidden="true" class="x1lliihq" height="40" width="40"></svg></a>
<a href="https://www.facebook.com/watch/" aria-label="Video" role="link"><span class="x1rg5ohu">Video</span></a>
<a href="https://www.facebook.com/groups/feed/" aria-label="Groups" role="link"><span class="x1rg5ohu">Groups</span></a></div>
<div role="navigation" aria-label="Shortcuts" class="x1iyjqo2 xs83m0k"><ul class="x1n2onr6"><li><a href="https://www.facebook.com/profile.php?id=100077777777777" role="link"><span dir="auto">Kotae Agent</span></a></li></ul></div>
<div role="main" class="x9f619 x1n2onr6 x1ja2u2z x78zum5 xdt5ytf"><div class="x1hc1fzr x1unhpq9 x6o7n8i">
<h3 dir="auto" class="x1heor9g x1qlqyl8">News Feed posts</h3><div data-pagelet="FeedUnits"></div></div></div>
</div>
<script>${feedScript()}</script>
</body></html>`;
}

/** The facebook.com site as the overlay harness sees it. */
export const facebookSite: BenchSite = {
  name: 'facebook.com home feed (synthetic)',
  platform: 'facebook',
  url: 'https://www.facebook.com/',
  routePatterns: ['https://www.facebook.com/**', 'https://*.fbcdn.net/**'],
  pageHtml: facebookFeedPage,
};
