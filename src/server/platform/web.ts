import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './auth-hook.ts';
import type { SiteInfo } from './config.ts';
import { type PageRender, escapeHtml, renderPublicPage } from './web-pages.ts';

/** Hashed build output (dist/web/assets/<name>-<hash>.<ext>): its name changes with its content. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export type SendPage = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

type ManifestChunk = { file: string; imports?: string[]; css?: string[]; isEntry?: boolean };
type Manifest = Record<string, ManifestChunk>;

/**
 * Serves the built web application (dist/web):
 *   - hashed assets immutable for a year; other files (favicon) revalidated; brotli or gzip files written
 *     at build (src/web/vite.config.ts) chosen by Accept-Encoding (@fastify/static `preCompressed`, Vary);
 *   - every page's HTML (index.html) never cached (`no-cache`), compressed on the fly, and for the public
 *     pages (home, search, a guide, 证照核验) with their content inside #root, the data the page would
 *     fetch inlined as JSON, and the page's chunks preloaded (src/server/platform/web-pages.ts).
 * Returns the page sender (for the not-found handler's client-side routes), or null when dist/web has not been built.
 */
export async function registerWeb(app: FastifyInstance, webRoot: string, site: SiteInfo): Promise<SendPage | null> {
  const indexFile = join(webRoot, 'index.html');
  if (!existsSync(indexFile)) return null;
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: true,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      const assets = path.includes('/assets/');
      (reply as unknown as FastifyReply).header('cache-control', assets ? IMMUTABLE : 'no-cache');
    },
  });

  // index.html and the manifest, read again when a new build replaced them.
  let cached: { mtimeMs: number; template: string; manifest: Manifest } | undefined;
  const load = () => {
    const mtimeMs = statSync(indexFile).mtimeMs;
    if (!cached || cached.mtimeMs !== mtimeMs) {
      const manifestFile = join(webRoot, '.vite', 'manifest.json');
      cached = {
        mtimeMs,
        template: readFileSync(indexFile, 'utf8'),
        manifest: existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest) : {},
      };
    }
    return cached;
  };

  const sendPage: SendPage = async (req, reply) => {
    const { template, manifest } = load();
    let render: PageRender | null = null;
    try {
      render = await renderPublicPage(app, req.url, site);
    } catch (error) {
      req.log.warn({ err: error }, 'prerendering a public page failed; sending the bare application');
    }
    if (render?.redirect) return reply.code(303).header('cache-control', 'no-cache').redirect(render.redirect, 303);
    // A signed-in visitor's pages depend on the account (the home leads with their cases): the app at once.
    if (render && req.cookies?.[SESSION_COOKIE]) render.eager = true;
    const html = fill(template, render, manifest, site);
    reply
      .code(render?.status ?? 200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('vary', 'accept-encoding');
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const body = Buffer.from(html, 'utf8');
    if (body.length > 1024 && /\bbr\b/.test(accepted)) {
      return reply
        .header('content-encoding', 'br')
        .send(
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
        );
    }
    if (body.length > 1024 && /\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(gzipSync(body, { level: 6 }));
    return reply.send(body);
  };

  app.get('/', { schema: { hide: true } }, sendPage);
  return sendPage;
}

/** The chunk files (JavaScript) a source module needs, with everything it imports, minus the entry's own. */
function chunksOf(manifest: Manifest, modules: string[]): { js: string[]; css: string[] } {
  const entryFiles = new Set<string>();
  const collect = (key: string, into: Set<string>, css: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return;
    into.add(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
    for (const dep of chunk.imports ?? []) collect(dep, into, css);
  };
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (entryKey) collect(entryKey, entryFiles, new Set());
  const js = new Set<string>();
  const css = new Set<string>();
  for (const m of modules) collect(m, js, css);
  return { js: [...js].filter((f) => !entryFiles.has(f)), css: [...css] };
}

/** JSON safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** index.html with the page's preloads and data, its content in #root, and the site's footer details for the app. */
function fill(source: string, render: PageRender | null, manifest: Manifest, site: SiteInfo): string {
  let template = source;
  if (!render) return template.replace('</head>', `<script type="application/json" id="tb-site">${scriptJson(site)}</script></head>`);
  const { js, css } = chunksOf(manifest, render.modules ?? []);
  // The code starts loading on the visitor's first interaction with the page (public/boot.js), or after the
  // first paint when the page needs it at once (eager): the entry and every chunk it and the page need,
  // preloaded together then. Until then the page is the server's HTML: links, GET forms, no long task.
  const entry = /<script type="module"(?: crossorigin)? src="([^"]+)"><\/script>/.exec(template)?.[1];
  if (entry) {
    const preloads = [...template.matchAll(/<link rel="modulepreload"(?: crossorigin)? href="([^"]+)">/g)].map((m) => m[1]);
    template = template
      .replace(/<script type="module"(?: crossorigin)? src="[^"]+"><\/script>/, '')
      .replace(/\s*<link rel="modulepreload"(?: crossorigin)? href="[^"]+">/g, '')
      .replace(
        '</head>',
        `<script src="/boot.js" defer data-entry="${entry}"${render.eager ? ' data-eager=""' : ''} data-preload="${[...preloads, ...js.map((f) => `/${f}`)].join(' ')}"></script></head>`,
      );
  }
  const head = [
    `<script type="application/json" id="tb-site">${scriptJson(site)}</script>`,
    ...css.map((f) => `<link rel="stylesheet" crossorigin href="/${f}">`),
    render.data?.length ? `<script type="application/json" id="tb-preload">${scriptJson(render.data)}</script>` : '',
  ].join('');
  let html = template
    // The page is readable without JavaScript: say only what needs it.
    .replace(/<noscript>[^<]*<\/noscript>/, '<noscript>在线申请和查询需要启用 JavaScript。Applying online needs JavaScript.</noscript>')
    .replace('</head>', `${head}</head>`)
    .replace('<div id="root"></div>', `<div id="root">${render.body}</div>`);
  if (render.title) html = html.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(render.title)} · 通办</title>`);
  return html;
}
