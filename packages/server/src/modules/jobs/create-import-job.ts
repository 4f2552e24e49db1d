import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEPARTMENT_SOURCES, can, type Actor, type DepartmentSourceCode } from '@fangpin/domain';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { estimateDataRows } from '../../files/table-reader.ts';
import { saveUploadedFile } from '../../http/upload.ts';
import { inspectHeaders } from '../department/inspect-headers.ts';
import { findSourceSettings } from '../department/settings-repo.ts';
import { countyOfActor } from '../department/source-settings.ts';
import { DEPARTMENT_IMPORT_KIND, insertImportJob } from './repo.ts';

/**
 * Starts a background department import: keeps the upload in `<data dir>/uploads/` (the worker
 * removes it when the job finishes), counts the CSV's data rows for the progress bar, records the
 * job with the county's saved header mapping, and queues it. Returns the job id at once.
 */
export async function createDepartmentImportJob(deps: AppDeps, actor: Actor, sourceCode: DepartmentSourceCode, request: FastifyRequest, asOf?: string): Promise<{ jobId: string }> {
  if (!can(actor, 'department.import')) throw new AppError('FORBIDDEN', 'Your role may not import department data');
  const jobs = deps.jobs;
  if (!jobs) throw new AppError('SERVICE_UNAVAILABLE', 'Background jobs are not running on this server');
  const id = crypto.randomUUID();
  const { file, fileName } = await saveUploadedFile(request, path.join(deps.config.dataDir, 'uploads'), id);
  try {
    const countyCode = countyOfActor(actor);
    const headerMapping = countyCode ? (await findSourceSettings(deps.pool, countyCode, sourceCode)).headerMapping : {};
    const header = await inspectHeaders(file, DEPARTMENT_SOURCES[sourceCode], headerMapping, deps.config.importLimits);
    const rowsTotal = await estimateDataRows(file, header.rowNumber ?? 1, deps.config.importLimits);
    await insertImportJob(deps.pool, {
      id,
      kind: DEPARTMENT_IMPORT_KIND,
      source: sourceCode,
      countyCode,
      regionCode: actor.regionCode,
      fileName,
      filePath: file,
      options: { actorRole: actor.role, headerMapping, ...(asOf ? { asOf } : {}) },
      rowsTotal,
      actorName: actor.username,
      actorId: actor.userId,
    });
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  await jobs.enqueueImport(id);
  return { jobId: id };
}
