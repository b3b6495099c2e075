import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from './actor.ts';
import { AppError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** How the request authenticated: the browser's cookie (CSRF-checked) or a bearer token. */
    authVia: 'cookie' | 'bearer' | null;
    /** The session's CSRF token (returned by /auth/me to cookie sessions). */
    sessionCsrf: string | null;
  }
  interface FastifyContextConfig {
    /** Answered the same to everyone (a published guide, a search): the session is not looked up. */
    anonymous?: boolean;
  }
}

export const SESSION_COOKIE = 'tongban_session';
export const CSRF_COOKIE = 'tongban_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type ResolveSession = (token: string, ip: string | null) => Promise<{ actor: Actor; csrfToken: string } | null>;

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Attaches `request.actor` from `Authorization: Bearer <token>` or the session cookie. Cookie
 * sessions must send the session's CSRF token in `X-CSRF-Token` on every state-changing request
 * (synchronizer token; the cookies are also SameSite=Strict).
 */
export function registerAuthentication(app: FastifyInstance, resolve: ResolveSession): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  app.decorateRequest('sessionCsrf', null);
  app.addHook('onRequest', async (req) => {
    // Public reads cost no session lookup: the opening minute of a popular guide is mostly these.
    if (req.routeOptions.config?.anonymous && req.method === 'GET') return;
    const header = req.headers.authorization;
    let token: string | undefined;
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      token = header.slice(7).trim();
      req.authVia = 'bearer';
    } else if (req.cookies?.[SESSION_COOKIE]) {
      token = req.cookies[SESSION_COOKIE];
      req.authVia = 'cookie';
    }
    if (!token) return;
    const session = await resolve(token, req.ip);
    if (!session) {
      req.authVia = null;
      return;
    }
    if (req.authVia === 'cookie' && unsafe.has(req.method) && req.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new AppError('CSRF_INVALID');
    }
    req.actor = session.actor;
    req.sessionCsrf = session.csrfToken;
  });
}

/** The actor, or a 401. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('AUTH_REQUIRED');
  return req.actor;
}

/** Sets the HttpOnly session cookie and the readable CSRF cookie. */
export function setSessionCookies(req: FastifyRequest, reply: FastifyReply, token: string, csrfToken: string): void {
  const secure = req.protocol === 'https';
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
  reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
