/** Every guide written in full (石泉县 gets all of them; other regions the national ones). */
import type { FullGuideDef } from '../types.ts';
import { civilGuides } from './civil.ts';
import { healthEducationGuides } from './health-education.ts';
import { licensingGuides } from './licensing.ts';
import { marketGuides } from './market.ts';
import { permitGuides } from './permits.ts';
import { policeGuides } from './police.ts';
import { propertyGuides } from './property.ts';
import { socialGuides } from './social.ts';
import { utilityGuides } from './utilities.ts';

export const FULL_GUIDES: readonly FullGuideDef[] = [
  ...marketGuides,
  ...policeGuides,
  ...civilGuides,
  ...socialGuides,
  ...propertyGuides,
  ...healthEducationGuides,
  ...permitGuides,
  ...licensingGuides,
  ...utilityGuides,
];
