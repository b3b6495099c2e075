import type { FastifyInstance } from 'fastify';
import type { SiteInfo } from './config.ts';

/**
 * The public pages' HTML before the JavaScript runs (issue 28.1): home, search, a guide (办事指南) and
 * 证照核验, written here as plain semantic HTML in Chinese from the same public API answers the app
 * reads (through app.inject, so no module internals), with those answers inlined for the app's query
 * cache. The app then renders over it (createRoot: it replaces, it does not hydrate this markup).
 * A resident on a slow phone reads the guide, and a search engine indexes it, before the JavaScript arrives.
 */

export type PageRender = {
  title?: string;
  body: string;
  data?: Array<{ key: unknown[]; value: unknown }>;
  modules?: string[];
  status?: number;
  /** The page needs the app at once (its HTML lacks what the app shows); otherwise it loads on the first interaction. */
  eager?: boolean;
  /** Answer with a redirect there instead (a GET form's target). */
  redirect?: string;
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
const e = escapeHtml;

/** "1.甲；\n2.乙。" → ["甲；", "乙。"]: numbered lines of a guide text as list entries (mirrors src/web/portal/guide-text.ts). */
export function textSteps(text: string): string[] {
  return text
    .split(/\n+/)
    .map((line) => line.trim().replace(/^(?:\d+[.、．)]|[（(]\d+[）)])\s*/, ''))
    .filter(Boolean);
}

async function getJson<T>(app: FastifyInstance, url: string): Promise<T | null> {
  const res = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'zh-CN' } });
  if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('json')) return null;
  return res.json() as T;
}

type Theme = { key: string; name: string };
type Bundle = { id: string; key: string; name: string };

/** The home's popular searches and life events' everyday names: as in src/web/portal/home-sections.tsx. */
const POPULAR_SEARCHES = ['营业执照', '社保卡', '出生登记', '结婚登记', '医保参保', '不动产登记', '公积金提取', '居住证'];
const LIFE_EVENT_ZH: Record<string, string> = {
  businessStartup: '开公司',
  newborn: '生孩子',
  marriageMove: '结婚落户',
  homeTransfer: '买二手房',
  afterDeath: '身后事',
};
const LIFE_EVENTS = Object.keys(LIFE_EVENT_ZH);
/** useBundles()'s default region (src/web/bundles/queries.ts). */
const HOME_BUNDLE_REGION = '610922';
type Material = { key: string; name: string; required: boolean; originals: number; copies: number; source: string };
type Guide = {
  conditions: string;
  process: string;
  legalBasis: string;
  places: string;
  hours: string;
  consultPhone: string;
  complaintPhone: string;
  materials: Material[];
  situations: Array<{ key: string; materialKeys: string[] }>;
  fees: Array<{ name: string }>;
};
type Item = { implementationCode: string; name: string; department: { id: string; name: string }; guide: Guide };

/**
 * The header's care-mode switch, language choice and login links, as in src/web/ui/app-header.tsx. The two
 * preferences are buttons public/boot.js answers: it remembers the choice and starts the app, which reads it.
 */
const PREFS =
  '<div class="tb-tools tb-prefs"><span class="tb-tool"><button type="button" id="care-mode-switch" class="tb-pre-switch" role="switch" aria-checked="false" data-tb-pref="care">关怀模式</button></span><span class="tb-lang" role="group" aria-label="语言"><button type="button" lang="zh-CN" aria-pressed="true">中文</button><button type="button" lang="en" aria-pressed="false" data-tb-pref="en">English</button></span></div><div class="tb-tools tb-account"><a href="/login" class="tb-header-link">登录</a><a href="/register" class="tb-header-link">注册</a></div>';

/** The frame every prerendered page shares: header, main, the government footer. */
export function frame(main: string, site: SiteInfo): string {
  return `<div class="tb-app tb-prerendered"><a class="tb-skip-link" href="#main">跳到主要内容</a><header class="tb-header"><div class="tb-header-bar"><a href="/" class="tb-brand"><span class="tb-brand-mark" aria-hidden="true">通</span><span class="tb-brand-name">通办</span><span class="tb-tagline">一体化政务服务平台</span></a>${PREFS}</div><nav class="tb-nav" aria-label="主导航"><div class="tb-nav-inner"><a href="/">办事大厅</a><a href="/me">我的</a><a href="/bundles">一件事</a></div></nav></header><main id="main" class="tb-main" tabindex="-1">${main}</main>${footer(site)}</div>`;
}

/** 主办单位, contact, ICP 备案号 and 网站标识码 (the same markup as src/web/ui/site-footer.tsx). */
export function footer(site: SiteInfo): string {
  const parts = [
    site.sponsor ? `<span>主办单位：${e(site.sponsor)}</span>` : '',
    site.contact ? `<span>联系电话：${e(site.contact)}</span>` : '',
    site.hotline ? `<span>政务服务便民热线：${e(site.hotline)}</span>` : '',
    site.icp ? `<span>${e(site.icp)}</span>` : '',
    site.siteCode ? `<span>网站标识码：${e(site.siteCode)}</span>` : '',
  ].filter(Boolean);
  return `<footer class="tb-footer" data-testid="site-footer"><nav class="tb-footer-links" aria-label="页脚链接"><a href="/verify">证照核验</a></nav><p class="tb-footer-site">${parts.join('')}</p></footer>`;
}

const list = (items: string[], ordered = true) =>
  items.length === 0
    ? '<p>—</p>'
    : `<${ordered ? 'ol' : 'ul'} class="tb-steps">${items.map((s) => `<li>${e(s)}</li>`).join('')}</${ordered ? 'ol' : 'ul'}>`;

const card = (title: string, content: string) =>
  `<section class="tb-pre-section"><h2 class="tb-card-heading">${e(title)}</h2>${content}</section>`;

const section = (id: string, title: string, content: string) =>
  `<section id="${id}" class="tb-pre-section" aria-labelledby="${id}-title"><h2 id="${id}-title" class="tb-card-heading">${e(title)}</h2>${content}</section>`;

function guideHtml(item: Item): string {
  const g = item.guide;
  const situational = g.situations.length > 1;
  const inEvery = (key: string) => g.situations.every((s) => s.materialKeys.includes(key));
  const materials = g.materials.map((m) => {
    const tag = m.required ? (situational && !inEvery(m.key) ? '视情形' : '必要') : '非必要';
    return `<li class="tb-material"><span class="tb-material-name">${e(m.name)}</span> <span class="tb-pre-tag">${tag}</span></li>`;
  });
  const nav = [
    ['guide-conditions', '受理条件'],
    ['guide-materials', '申请材料'],
    ['guide-process', '办理流程'],
    ['guide-where', '地点和时间'],
    ['guide-fees', '收费'],
    ['guide-basis', '设定依据'],
  ];
  return `<article class="tb-page tb-guide" aria-labelledby="guide-title"><header class="tb-guide-head"><h1 id="guide-title" class="tb-pre-title">${e(item.name)}</h1><p class="tb-card-meta">实施主体：${e(item.department.name)}</p></header><div class="tb-pre-section"><p><a class="tb-pre-button" href="/apply/${e(item.implementationCode)}">在线申请</a></p><p class="tb-note tb-apply-note">登录后即可在线提交申请，并在“我的办件”中查看办理进度；也可以按下方的办理地点到窗口办理。</p></div><nav class="tb-guide-nav" aria-label="指南目录"><ul>${nav.map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`).join('')}</ul></nav>${section('guide-conditions', '受理条件', list(textSteps(g.conditions)))}${section('guide-materials', '申请材料', `<ol class="tb-materials">${materials.join('')}</ol>`)}${section('guide-process', '办理流程', list(textSteps(g.process)))}${section('guide-where', '办理地点和时间', `<dl class="tb-facts"><div class="tb-fact"><dt>办理地点</dt><dd>${e(g.places || '—')}</dd></div><div class="tb-fact"><dt>办理时间</dt><dd>${e(g.hours || '—')}</dd></div><div class="tb-fact"><dt>咨询电话</dt><dd>${e(g.consultPhone || '—')}</dd></div></dl>`)}${section(
    'guide-fees',
    '收费',
    g.fees.length === 0
      ? '<p><strong>不收费</strong></p>'
      : list(
          g.fees.map((f) => f.name),
          false,
        ),
  )}${section('guide-basis', '设定依据', list(textSteps(g.legalBasis)))}<div class="tb-apply-bar"><span class="tb-apply-bar-name">${e(item.name)}</span><a class="tb-pre-button" href="/apply/${e(item.implementationCode)}">在线申请</a></div></article>`;
}

const SEARCH_PAGE_SIZE = 10; // src/web/portal/item-results.tsx
type SearchHit =
  | { kind: 'item'; implementationCode: string; name: string; department: { name: string } }
  | { kind: 'bundle'; id: string; name: string; description: string };

/** One page of results (items and bundles), with links to the guides and the next and previous pages. */
function searchResults(results: { items: SearchHit[]; total: number }, q: string, page: number): string {
  const hits = results.items
    .map((hit) =>
      hit.kind === 'bundle'
        ? `<li class="tb-pre-hit"><h3 class="tb-card-title"><a href="/bundles/${e(hit.id)}">${e(hit.name)}</a></h3><p class="tb-card-meta">一件事一次办 · ${e(hit.description)}</p></li>`
        : `<li class="tb-pre-hit"><h3 class="tb-card-title"><a href="/items/${e(hit.implementationCode)}">${e(hit.name)}</a></h3><p class="tb-card-meta">${e(hit.department.name)}</p></li>`,
    )
    .join('');
  const pages = Math.ceil(results.total / SEARCH_PAGE_SIZE);
  const link = (n: number, text: string) =>
    `<a href="/search?${new URLSearchParams(q ? { q, page: String(n) } : { page: String(n) })}">${text}</a>`;
  const nav =
    pages > 1
      ? `<nav class="tb-pre-pages" aria-label="分页">${page > 1 ? link(page - 1, '上一页') : ''}<span>第 ${page} / ${pages} 页</span>${page < pages ? link(page + 1, '下一页') : ''}</nav>`
      : '';
  return `<section aria-labelledby="results-title"><h2 id="results-title" class="tb-section-title">办事事项</h2><p class="tb-muted">找到 ${results.total} 项</p>${hits ? `<ul class="tb-pre-hits">${hits}</ul>` : '<p>没有找到相关事项，换个说法试试。</p>'}${nav}</section>`;
}

function searchForm(id: string, value = ''): string {
  return `<form action="/search" method="get" role="search" class="tb-pre-search"><label for="${id}" class="tb-visually-hidden">搜索办事事项</label><input id="${id}" name="q" type="search" value="${e(value)}" placeholder="输入事项名称或日常说法，如：开公司、办社保卡"><button type="submit">搜索</button></form>`;
}

/** Renders a public page, or null for every other path (the app alone). */
export async function renderPublicPage(app: FastifyInstance, url: string, site: SiteInfo): Promise<PageRender | null> {
  const parsed = new URL(url, 'http://x');
  const path = parsed.pathname;
  if (path === '/') {
    const [themes, bundles] = await Promise.all([
      getJson<Theme[]>(app, '/api/v1/item-themes'),
      getJson<{ items: Bundle[] }>(app, `/api/v1/bundles?regionCode=${HOME_BUNDLE_REGION}`),
    ]);
    const themeList = (themes ?? []).map((t) => `<li><a class="tb-theme-link" href="/themes/${e(t.key)}">${e(t.name)}</a></li>`).join('');
    const popular = POPULAR_SEARCHES.map((words) => `<li><a href="/search?q=${encodeURIComponent(words)}">${e(words)}</a></li>`).join('');
    const events = [...(bundles?.items ?? [])]
      .sort((a, b) => (LIFE_EVENTS.indexOf(a.key) + 1 || 99) - (LIFE_EVENTS.indexOf(b.key) + 1 || 99))
      .map(
        (b) =>
          `<li><a class="tb-entry" href="/bundles/${e(b.id)}"><span class="tb-entry-title">${e(LIFE_EVENT_ZH[b.key] ?? b.name)}</span><span class="tb-entry-text">${e(b.name)}</span></a></li>`,
      )
      .join('');
    const data: PageRender['data'] = [];
    if (themes) data.push({ key: ['item-themes'], value: themes });
    if (bundles) data.push({ key: ['bundles', 'list', HOME_BUNDLE_REGION], value: bundles });
    return {
      body: frame(
        `<div class="tb-page"><section class="tb-hero" aria-labelledby="home-title"><h1 id="home-title" class="tb-pre-hero-title">我要办事</h1>${searchForm('home-search-pre')}<p class="tb-hero-note">可以用日常说法搜索本地区的政务服务事项，也会一并列出相关的服务大厅和部门。</p></section><section class="tb-section"><h2 class="tb-section-title">热门服务</h2><ul class="tb-popular">${popular}</ul></section>${events ? `<section class="tb-section"><h2 class="tb-section-title">一件事一次办</h2><ul class="tb-entries">${events}</ul></section>` : ''}${themeList ? `<section class="tb-section tb-themes"><h2 class="tb-section-title">按主题办事</h2><ul class="tb-theme-list">${themeList}</ul></section>` : ''}</div>`,
        site,
      ),
      data,
      modules: ['portal/home-page.tsx'],
    };
  }
  if (path === '/search') {
    const q = parsed.searchParams.get('q')?.trim() ?? '';
    const page = Math.max(1, Number(parsed.searchParams.get('page')) || 1);
    // Other filters (theme, department, type) and another region than the default: the app's results.
    const filtered = ['theme', 'departmentId', 'handlingType'].some((name) => parsed.searchParams.get(name));
    const filters = { q, regionCode: HOME_BUNDLE_REGION, theme: '', departmentId: '', handlingType: '', page, pageSize: SEARCH_PAGE_SIZE };
    const query = new URLSearchParams({ regionCode: HOME_BUNDLE_REGION, page: String(page), pageSize: String(SEARCH_PAGE_SIZE) });
    if (q) query.set('q', q);
    const results = filtered ? null : await getJson<{ items: SearchHit[]; total: number }>(app, `/api/v1/search?${query}`);
    return {
      title: q ? `${q} - 搜索办事事项` : '搜索办事事项',
      body: frame(
        `<div class="tb-page tb-stack"><h1 class="tb-pre-title">搜索办事事项</h1>${searchForm('search-pre', q)}${results ? searchResults(results, q, page) : ''}</div>`,
        site,
      ),
      data: results ? [{ key: ['items', 'residents', filters], value: results }] : [],
      modules: ['portal/search-page.tsx'],
      eager: !results,
    };
  }
  const guide = /^\/items\/([A-Za-z0-9]{1,64})$/.exec(path);
  if (guide) {
    const code = guide[1];
    const item = await getJson<Item>(app, `/api/v1/items/${encodeURIComponent(code)}`);
    if (!item) return { body: frame('', site), modules: ['portal/guide-page.tsx'], eager: true };
    return {
      title: item.name,
      body: frame(guideHtml(item), site),
      data: [{ key: ['items', 'published', code], value: item }],
      modules: ['portal/guide-page.tsx'],
    };
  }
  if (path === '/verify') {
    // The identifier form is a GET form to /verify: sent before the app runs, it lands on the license's result page.
    const identifier = parsed.searchParams.get('identifier')?.trim();
    if (identifier) {
      const code = parsed.searchParams.get('code')?.trim();
      return { body: '', redirect: `/verify/${encodeURIComponent(identifier)}${code ? `?code=${encodeURIComponent(code)}` : ''}` };
    }
    return {
      title: '证照核验',
      body: frame(
        `<div class="tb-page tb-stack tb-verify-page"><div><h1 class="tb-pre-title">证照核验</h1><p class="tb-lead">查一张电子证照是不是真的、现在是否有效：扫描证照上的二维码，或输入证照上的编号。</p></div>${card('扫码核验', '<p class="tb-muted">用手机摄像头对准证照上的二维码。</p><p><button type="button" class="tb-pre-button" data-tb-app="scan">打开摄像头扫码</button></p>')}${card(
          '按证照标识核验',
          '<p class="tb-muted">证照标识印在电子证照上（二维码下方），形如 1.2.156.3005.2.…</p><form action="/verify" method="get" class="tb-pre-form"><p><label for="verify-id-pre">证照标识</label><input id="verify-id-pre" name="identifier" required minlength="10" maxlength="120" autocomplete="off" spellcheck="false" placeholder="输入或粘贴证照标识"></p><p><label for="verify-code-pre">核验码（选填）</label><input id="verify-code-pre" name="code" maxlength="20" autocomplete="off" spellcheck="false"></p><p><button type="submit" class="tb-pre-button">核验</button></p></form>',
        )}</div>`,
        site,
      ),
      modules: ['verify/verify-pages.tsx'],
    };
  }
  return null;
}
