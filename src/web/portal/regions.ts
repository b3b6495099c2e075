import { useCallback, useState } from 'react';
import { regionLevelOf } from '../region-code.ts';

/** The demonstration regions a visitor can pick on the portal (GB/T 2260 codes). */
export const PORTAL_REGIONS = ['610922', '513424', '150626', '440306', '610100'] as const;
export type PortalRegion = (typeof PORTAL_REGIONS)[number];

/** 石泉县, the seeded county. */
export const DEFAULT_REGION: PortalRegion = '610922';

const STORAGE_KEY = 'tongban.region';

/** A city's code (610100); its halls sit in its districts. */
export function isCityCode(code: string): boolean {
  return regionLevelOf(code) === 'city';
}

/** Codes remembered before the portal wrote GB/T 2260 codes. */
const OLD_CODES: Record<string, PortalRegion> = { '6101': '610100' };

/** The region the visitor picked last time. */
export function readStoredRegion(): PortalRegion {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    const stored = saved === null ? null : (OLD_CODES[saved] ?? saved);
    return (PORTAL_REGIONS as readonly string[]).includes(stored ?? '') ? (stored as PortalRegion) : DEFAULT_REGION;
  } catch {
    return DEFAULT_REGION;
  }
}

/** Remembers the picked region. */
export function storeRegion(code: PortalRegion): void {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // private mode
  }
}

/** The portal region picked by the visitor (remembered in this browser) and a setter. */
export function usePortalRegion(): [PortalRegion, (code: PortalRegion) => void] {
  const [region, setRegion] = useState<PortalRegion>(readStoredRegion);
  const pick = useCallback((code: PortalRegion) => {
    setRegion(code);
    storeRegion(code);
  }, []);
  return [region, pick];
}
