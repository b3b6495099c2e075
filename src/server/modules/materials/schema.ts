import { z } from 'zod';

export const material = z
  .object({
    id: z.string(),
    name: z.string(),
    filename: z.string(),
    kind: z.string(),
    mediaType: z.string(),
    size: z.number(),
    sm3: z.string(),
    createdAt: z.string(),
    contentUrl: z.string(),
  })
  .meta({ id: 'StoredMaterial' });
export const idParam = z.strictObject({ id: z.uuid() });
