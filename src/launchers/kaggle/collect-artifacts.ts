import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { nanoid } from 'nanoid';
import type { JobStatus } from '../../job/job-outcome.js';
import { matchGlob } from './match-glob.js';
import { planArtifactCopies, type ArtifactCandidate } from './plan-artifact-copies.js';

/** A job that ran, whose output folder is searched for artifacts. */
export interface ArtifactSourceJob {
  readonly num: number;
  readonly status: JobStatus;
  readonly outputDir: string;
}

/** What collection did: copied files, patterns that matched nothing, and copies that failed. */
export interface CollectedArtifacts {
  readonly collected: readonly { readonly path: string; readonly from: string; readonly job: number; readonly shadowedJobs: readonly number[] }[];
  readonly unmatched: readonly string[];
  readonly errors: readonly { readonly path: string; readonly message: string }[];
}

/**
 * Copies the files matching `patterns` in the jobs' output folders into `outputRoot`, at
 * the same relative path (`submission.csv` lands at `<outputRoot>/submission.csv`). Each
 * copy is atomic (temp file, then rename), so a reader at the wall sees a whole file or
 * the previous one. Failures are reported, never thrown: the summary still gets written.
 * `alreadyCopied` (target -> source fingerprint) lets repeated passes over a growing list of
 * jobs copy only files whose winner or content changed. @default a fresh map
 */
export async function collectArtifacts(
  patterns: readonly string[],
  jobs: readonly ArtifactSourceJob[],
  outputRoot: string,
  alreadyCopied: Map<string, string> = new Map(),
): Promise<CollectedArtifacts> {
  if (patterns.length === 0) return { collected: [], unmatched: [], errors: [] };
  const candidates: ArtifactCandidate[] = [];
  const matched = new Set<string>();
  const errors: { path: string; message: string }[] = [];
  for (const job of jobs) {
    for (const relPath of await listFiles(job.outputDir)) {
      const hits = patterns.filter((pattern) => matchGlob(pattern, relPath));
      if (hits.length === 0) continue;
      for (const hit of hits) matched.add(hit);
      candidates.push({ jobNum: job.num, status: job.status, relPath, sourcePath: join(job.outputDir, ...relPath.split('/')) });
    }
  }
  const collected: CollectedArtifacts['collected'][number][] = [];
  for (const copy of planArtifactCopies(candidates)) {
    const target = join(outputRoot, ...copy.relPath.split('/'));
    if (resolve(target) === resolve(copy.sourcePath)) {
      collected.push({ path: target, from: copy.sourcePath, job: copy.jobNum, shadowedJobs: copy.shadowedJobs });
      continue;
    }
    try {
      const source = await stat(copy.sourcePath);
      const fingerprint = `${copy.sourcePath}\0${source.size}\0${source.mtimeMs}`;
      if (alreadyCopied.get(target) !== fingerprint) {
        await copyAtomic(copy.sourcePath, target);
        alreadyCopied.set(target, fingerprint);
      }
      collected.push({ path: target, from: copy.sourcePath, job: copy.jobNum, shadowedJobs: copy.shadowedJobs });
    } catch (error) {
      errors.push({ path: target, message: `could not copy ${copy.sourcePath}: ${(error as Error).message}` });
    }
  }
  return { collected, unmatched: patterns.filter((p) => !matched.has(p)), errors };
}

async function copyAtomic(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  const temp = join(dirname(to), `.${nanoid(8)}.collecting.tmp`);
  try {
    await copyFile(from, temp);
    await rename(temp, to);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Every regular file under `dir`, as `/`-separated paths relative to it; a missing folder has none. */
async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push(relative(dir, path).split(sep).join('/'));
    }
  };
  await walk(dir);
  return found.sort();
}
