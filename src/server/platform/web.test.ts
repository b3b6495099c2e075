import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, registerWeb } from './web.ts';
import { textSteps } from './web-pages.ts';

const site = { sponsor: '某县人民政府办公室', contact: '0000-1234567', icp: '某ICP备12345678号', siteCode: '1234567890', hotline: '12345' };
const guide = {
  implementationCode: 'ABC123',
  name: '企业设立登记',
  department: { id: 'd1', name: '某县市场监督管理局' },
  guide: {
    conditions: '1.企业名称符合规定；\n2.股东具备主体资格。',
    process: '1.申报：网上填报；\n2.受理审查：形式审查。',
    legalBasis: '1.《中华人民共和国公司法》第二十九条。',
    places: '某县政务服务中心一楼1号窗口',
    hours: '工作日 上午8:30-12:00',
    consultPhone: '0000-7654321',
    complaintPhone: '',
    materials: [
      { key: 'application', name: '企业设立登记申请书', required: true, originals: 1, copies: 0, source: '申请人' },
      { key: 'articles', name: '公司章程', required: true, originals: 1, copies: 0, source: '申请人' },
    ],
    situations: [
      { key: 'llc', materialKeys: ['application', 'articles'] },
      { key: 'branch', materialKeys: ['application'] },
    ],
    fees: [],
  },
};

let root: string;
let app: FastifyInstance;
const js = `console.log(${JSON.stringify('通办'.repeat(800))});`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tongban-web-'));
  mkdirSync(join(root, 'assets'));
  mkdirSync(join(root, '.vite'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><html lang="zh-CN"><head><title>通办</title><script type="module" src="/assets/index-a1b2c3.js"></script></head><body><noscript>通办需要启用 JavaScript。</noscript><div id="root"></div></body></html>',
  );
  writeFileSync(join(root, 'assets', 'index-a1b2c3.js'), js);
  writeFileSync(join(root, 'assets', 'index-a1b2c3.js.br'), brotliCompressSync(js));
  writeFileSync(join(root, 'assets', 'index-a1b2c3.js.gz'), gzipSync(js));
  writeFileSync(join(root, 'assets', 'guide-page-d4e5f6.js'), 'export {}');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(
    join(root, '.vite', 'manifest.json'),
    JSON.stringify({
      'main.tsx': { file: 'assets/index-a1b2c3.js', isEntry: true },
      'portal/guide-page.tsx': { file: 'assets/guide-page-d4e5f6.js' },
    }),
  );
  app = Fastify();
  app.get('/api/v1/items/:code', async (req, reply) =>
    (req.params as { code: string }).code === 'ABC123' ? guide : reply.code(404).send({ code: 'NOT_FOUND' }),
  );
  app.get('/api/v1/item-themes', async () => [{ key: 'business', name: '开办企业' }]);
  app.get('/api/v1/search', async () => ({
    items: [
      { kind: 'item', implementationCode: 'ABC123', name: '企业设立登记', department: { name: '某县市场监督管理局' } },
      { kind: 'bundle', id: 'b1', name: '企业开办一件事', description: '营业执照、印章、发票一次办' },
    ],
    total: 12,
  }));
  const sendPage = await registerWeb(app, root, site);
  app.setNotFoundHandler((req, reply) => (sendPage && !req.url.startsWith('/api/') ? sendPage(req, reply) : reply.code(404).send()));
  await app.ready();
});

afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the web application as the server sends it (issue 28.1)', () => {
  it('sends a hashed asset brotli- or gzip-compressed by Accept-Encoding, immutable for a year, varying on the encoding', async () => {
    const br = await app.inject({ url: '/assets/index-a1b2c3.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.rawPayload.length).toBeLessThan(js.length / 10);

    const gz = await app.inject({ url: '/assets/index-a1b2c3.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);

    const plain = await app.inject({ url: '/assets/index-a1b2c3.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
  });

  it('revalidates files without a hash and every page (no-cache)', async () => {
    expect((await app.inject({ url: '/favicon.svg' })).headers['cache-control']).toBe('no-cache');
    for (const url of ['/', '/items/ABC123', '/me/cases', '/verify']) {
      const page = await app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(page.headers['content-type'], url).toMatch(/text\/html/);
    }
  });

  it('compresses a page for a browser that accepts it', async () => {
    const page = await app.inject({ url: '/items/ABC123', headers: { 'accept-encoding': 'br' } });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers.vary).toMatch(/accept-encoding/i);
  });

  it('sends a guide with its content, its data for the app and its chunk preloaded, before any JavaScript', async () => {
    const html = (await app.inject({ url: '/items/ABC123' })).body;
    expect(html).toContain('<title>企业设立登记 · 通办</title>');
    expect(html).toMatch(/<h1[^>]*>企业设立登记<\/h1>/);
    for (const text of [
      '受理条件',
      '企业名称符合规定；',
      '企业设立登记申请书',
      '办理流程',
      '受理审查：形式审查。',
      '某县政务服务中心一楼1号窗口',
      '工作日 上午8:30-12:00',
    ])
      expect(html).toContain(text);
    // Address and hours before the legal basis; lists, not one paragraph.
    expect(html.indexOf('>办理地点和时间</h2>')).toBeLessThan(html.indexOf('>设定依据</h2>'));
    expect(html).toContain('<li>股东具备主体资格。</li>');
    // 公司章程 is needed in one situation only: 视情形 until the resident answers, not 必要.
    expect(html).toMatch(/公司章程<\/span> <span class="tb-pre-tag">视情形/);
    expect(html).toMatch(/企业设立登记申请书<\/span> <span class="tb-pre-tag">必要/);
    // The code loads after the first paint (public/boot.js), the page's chunk with the entry.
    expect(html).toContain(
      '<script src="/boot.js" defer data-entry="/assets/index-a1b2c3.js" data-preload="/assets/guide-page-d4e5f6.js">',
    );
    expect(html).not.toContain('<script type="module"');
    expect(html).not.toContain('通办需要启用 JavaScript');
    const data = /<script type="application\/json" id="tb-preload">(.*?)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(data ?? 'null')).toEqual([{ key: ['items', 'published', 'ABC123'], value: guide }]);
  });

  it('carries the government footer from the configuration on every page, for the app too', async () => {
    const html = (await app.inject({ url: '/' })).body;
    for (const text of ['主办单位：某县人民政府办公室', '联系电话：0000-1234567', '某ICP备12345678号', '网站标识码：1234567890'])
      expect(html).toContain(text);
    const other = (await app.inject({ url: '/me/cases' })).body;
    expect(other).toContain('<script type="application/json" id="tb-site">');
    expect(other).toContain('"siteCode":"1234567890"');
  });

  it('keeps a script-closing text in the data from ending the script', async () => {
    const html = (await app.inject({ url: '/search?q=</script><script>alert(1)</script>' })).body;
    expect(html).not.toContain('<script>alert(1)');
  });

  it('loads the app on the first interaction, not after the first paint; at once where the HTML lacks the page', async () => {
    const search = (await app.inject({ url: '/search?q=营业执照' })).body;
    expect(search).toContain('<a href="/items/ABC123">企业设立登记</a>');
    expect(search).toContain('<a href="/bundles/b1">企业开办一件事</a>');
    expect(search).toContain(`<a href="/search?q=${encodeURIComponent('营业执照')}&amp;page=2">下一页</a>`.replace('&amp;', '&'));
    expect(search).not.toContain('data-eager');
    const data = JSON.parse(/<script type="application\/json" id="tb-preload">(.*?)<\/script>/.exec(search)?.[1] ?? 'null');
    expect(data[0].key).toEqual([
      'items',
      'residents',
      { q: '营业执照', regionCode: '610922', theme: '', departmentId: '', handlingType: '', page: 1, pageSize: 10 },
    ]);
    // A theme filter: the app's results, at once.
    expect((await app.inject({ url: '/search?q=x&theme=business' })).body).toContain('data-eager=""');
    // A guide's 在线申请 is a link (also in the phone's bar), no script needed to follow it.
    expect((await app.inject({ url: '/items/ABC123' })).body.match(/href="\/apply\/ABC123"/g)?.length).toBe(2);
  });

  it('sends the verify form (a GET form) on to the license page', async () => {
    const page = await app.inject({ url: '/verify?identifier=1.2.156.3005.2.X&code=AB-12' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/verify/1.2.156.3005.2.X?code=AB-12');
    expect((await app.inject({ url: '/verify' })).body).toContain('<form action="/verify" method="get"');
  });

  it('sends the bare application for an unknown guide', async () => {
    const page = await app.inject({ url: '/items/NOPE' });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('tb-preload');
  });

  it('reads numbered guide text as list entries', () => {
    expect(textSteps('1.甲；\n2、乙；\n（3）丙。')).toEqual(['甲；', '乙；', '丙。']);
    expect(textSteps('一段话')).toEqual(['一段话']);
  });
});
