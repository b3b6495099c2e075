import type { Selectable } from 'kysely';
import type { MaterialsTable } from '../../platform/db-types.ts';

export function presentMaterial(m: Selectable<MaterialsTable>) {
  return {
    id: m.id,
    name: m.name,
    filename: m.filename,
    kind: m.kind,
    mediaType: m.media_type,
    size: Number(m.size),
    sm3: m.file_sm3,
    createdAt: new Date(m.created_at).toISOString(),
    contentUrl: `/api/v1/materials/${m.id}/content`,
  };
}
