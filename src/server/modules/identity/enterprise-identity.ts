import type { Config } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { makeCreditCode, makeIdNumber } from '../../platform/identifiers.ts';

/**
 * The national enterprise identity service (国家企业身份认证 / 电子营业执照) as the platform asks it:
 * is this person the registered legal representative of this enterprise? Only enterprises registered
 * by market regulation (GB 32100 registrar 9) are in it.
 */
export type EnterpriseIdentityRequest = { creditCode: string; name: string; claimant: { name: string; idNumber: string } };
export type EnterpriseIdentityAnswer =
  | { result: 'match'; registeredName: string }
  /** Registered, with another legal representative. */
  | { result: 'mismatch' }
  | { result: 'notFound' };
export type EnterpriseIdentityService = { name: string; verify(req: EnterpriseIdentityRequest): Promise<EnterpriseIdentityAnswer> };

/**
 * The HTTP adapter (ENTERPRISE_IDENTITY_URL, ENTERPRISE_IDENTITY_TOKEN): `POST {url}/legal-representative/verify`
 * with `{ creditCode, name, legalRepresentative: { name, idNumber } }` and a bearer token; the answer is
 * `{ result: 'match' | 'mismatch' | 'notFound', registeredName? }`. A deployment points it at its
 * province's gateway to the national service (or a small bridge that speaks this contract). Any other
 * answer, a timeout or a network error is ORGANIZATION_IDENTITY_UNAVAILABLE: never a match.
 */
export function httpEnterpriseIdentity(opts: { url: string; token: string | null; timeoutMs: number }): EnterpriseIdentityService {
  return {
    name: 'http',
    async verify(req) {
      let res: Response;
      try {
        res = await fetch(`${opts.url}/legal-representative/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
          body: JSON.stringify({ creditCode: req.creditCode, name: req.name, legalRepresentative: req.claimant }),
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch {
        throw new AppError('ORGANIZATION_IDENTITY_UNAVAILABLE');
      }
      const body = (await res.json().catch(() => null)) as { result?: unknown; registeredName?: unknown } | null;
      if (!res.ok || !body) throw new AppError('ORGANIZATION_IDENTITY_UNAVAILABLE', { status: res.status });
      if (body.result === 'match' && typeof body.registeredName === 'string' && body.registeredName.trim()) {
        return { result: 'match', registeredName: body.registeredName.trim() };
      }
      if (body.result === 'mismatch' || body.result === 'notFound') return { result: body.result };
      throw new AppError('ORGANIZATION_IDENTITY_UNAVAILABLE', { status: res.status });
    },
  };
}

/**
 * The demo and test stand-in (only when demo mode is on and no URL is set): a fixed register of a
 * few 石泉县 enterprises and their legal representatives. A claim matches when the claimant's name
 * and ID number are the registered representative's; a listed enterprise claimed by anyone else is a
 * mismatch; any other code is not found. citizen1 (王秀英) can claim the 蚕桑 cooperative online.
 */
export const devEnterpriseRegister = [
  {
    creditCode: makeCreditCode({ registrar: '9', category: '1', regionCode: '610922', serial: 60_922_001 }),
    name: '石泉县秦巴茶业有限公司',
    legalRepresentative: { name: '张建国', idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19780908', sequence: 231 }) },
  },
  {
    creditCode: makeCreditCode({ registrar: '9', category: '3', regionCode: '610922', serial: 60_922_002 }),
    name: '石泉县王家坝蚕桑专业合作社',
    legalRepresentative: { name: '王秀英', idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19850315', sequence: 124 }) },
  },
  {
    creditCode: makeCreditCode({ registrar: '9', category: '1', regionCode: '610922', serial: 60_922_003 }),
    name: '石泉县汉江船运有限公司',
    legalRepresentative: { name: '赵建华', idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19820611', sequence: 415 }) },
  },
  {
    creditCode: makeCreditCode({ registrar: '9', category: '2', regionCode: '610922', serial: 60_922_004 }),
    name: '石泉县城关镇刘记面馆',
    legalRepresentative: { name: '刘德华', idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19700101', sequence: 333 }) },
  },
] as const;

export const devEnterpriseIdentity: EnterpriseIdentityService = {
  name: 'dev-register',
  async verify(req) {
    const entry = devEnterpriseRegister.find((e) => e.creditCode === req.creditCode);
    if (!entry) return { result: 'notFound' };
    const rep = entry.legalRepresentative;
    return rep.name === req.claimant.name && rep.idNumber === req.claimant.idNumber
      ? { result: 'match', registeredName: entry.name }
      : { result: 'mismatch' };
  },
};

/** The service the configuration names, or null (no online verification: staff review only). */
export function enterpriseIdentityFrom(config: Config): EnterpriseIdentityService | null {
  const c = config.enterpriseIdentity;
  if (c.mode === 'http') return httpEnterpriseIdentity(c);
  if (c.mode === 'dev') return devEnterpriseIdentity;
  return null;
}
