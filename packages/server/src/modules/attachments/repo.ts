import type { Tx } from '../../db/client.ts';

/** A stored file with what its owner tells about it: the region, the household, whether a visit opened a case. */
export type AttachmentWithOwner = {
  id: string;
  ownerKind: string;
  ownerId: string;
  fileName: string;
  mimeType: string;
  content: Buffer;
  /** The region of the record it belongs to (null when that record is gone). */
  regionCode: string | null;
  /** For a measure's or helper visit's evidence, or a risk-elimination case's file: the household. */
  householdId: string | null;
  /** For a case's file: the kind of case (`identification`, `elimination`). */
  caseKind: string | null;
  /** For a visit report's photo: whether the report opened a case (its files are the case's too). */
  visitOnCase: boolean;
};

/** An attachment with its content and its owner's region and household (and, for a case, its kind). */
export async function findAttachmentWithOwner(tx: Tx, id: string): Promise<AttachmentWithOwner | undefined> {
  const { rows } = await tx.query<AttachmentWithOwner>(
    `SELECT a.id, a.owner_kind AS "ownerKind", a.owner_id AS "ownerId", a.file_name AS "fileName", a.mime_type AS "mimeType", a.content,
       CASE a.owner_kind WHEN 'case' THEN (SELECT region_code FROM cases WHERE id = a.owner_id)
                         WHEN 'visit' THEN (SELECT region_code FROM visit_reports WHERE id = a.owner_id)
                         WHEN 'measure' THEN (SELECT h.region_code FROM household_measures hm JOIN households h ON h.id = hm.household_id WHERE hm.id = a.owner_id)
                         WHEN 'helperVisit' THEN (SELECT h.region_code FROM helper_visits hv JOIN households h ON h.id = hv.household_id WHERE hv.id = a.owner_id) END AS "regionCode",
       CASE a.owner_kind WHEN 'measure' THEN (SELECT household_id FROM household_measures WHERE id = a.owner_id)
                         WHEN 'helperVisit' THEN (SELECT household_id FROM helper_visits WHERE id = a.owner_id)
                         WHEN 'case' THEN (SELECT household_id FROM cases WHERE id = a.owner_id AND kind = 'elimination') END AS "householdId",
       CASE a.owner_kind WHEN 'case' THEN (SELECT kind FROM cases WHERE id = a.owner_id) END AS "caseKind",
       a.owner_kind = 'visit' AND EXISTS (SELECT 1 FROM visit_reports vr JOIN clues cl ON cl.id = vr.clue_id WHERE vr.id = a.owner_id AND cl.case_id IS NOT NULL) AS "visitOnCase"
     FROM attachments a WHERE a.id = $1`,
    [id],
  );
  return rows[0];
}
