// ensureWritableDirectory: create a directory (and its parents) and check it can be written, as a user error when not.
import { access, constants, lstat, mkdir, rmdir, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { InputError } from "../core/InputError.js";

/** What {@link ensureWritableDirectory} created, to take back when the work it prepared for is refused. */
export interface CreatedDirectories {
  /** Remove the directories that were created, deepest first, as long as they are still empty. */
  undo(): Promise<void>;
}

/**
 * Create `dir` and its missing parents and check that files can be created in it; any
 * problem (a file in the way, no permission, a read-only or virtual file system such as
 * /proc) is an InputError "cannot write <what> to <dir>: <reason>". Meant to run before
 * any long work, so a run never fails at the end for want of a place to write.
 */
export async function ensureWritableDirectory(dir: string, what: string): Promise<CreatedDirectories> {
  const created: string[] = [];
  const undo = async () => {
    for (const d of created.reverse()) await rmdir(d).catch(() => {});
    created.length = 0;
  };
  try {
    await makeDirectories(dir, created);
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    await undo();
    const reason = fileSystemReason(err);
    if (reason !== undefined) throw new InputError(`cannot write ${what} to ${dir}: ${reason}`);
    throw err;
  }
  return { undo };
}

/**
 * `mkdir -p` without `{ recursive: true }`, which loops forever on Node 20 where the
 * kernel refuses to create a directory under an existing one (e.g. under /proc). Rejects
 * with the file system's error (code ENOTDIR when a part of the path is a file). The
 * directories it creates are appended to `created`, outermost first.
 */
export async function makeDirectories(dir: string, created: string[] = []): Promise<void> {
  const s = await lstat(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return undefined;
    throw err;
  });
  if (s) {
    if (s.isDirectory() || (s.isSymbolicLink() && (await stat(dir)).isDirectory())) return;
    throw Object.assign(new Error(`${dir} is not a directory`), { code: "ENOTDIR" });
  }
  const parent = dirname(dir);
  if (parent !== dir) await makeDirectories(parent, created);
  try {
    await mkdir(dir);
    created.push(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
}

/** Why a path cannot be written, from a file system error's code (undefined for other errors). */
export function fileSystemReason(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException)?.code;
  return typeof code === "string" && Object.hasOwn(REASONS, code) ? REASONS[code] : undefined;
}

const REASONS: Record<string, string> = {
  ENOTDIR: "a part of the path is a file, not a directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOENT: "no directory can be created there",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENAMETOOLONG: "the path is too long",
  ELOOP: "too many levels of symbolic links",
  EINVAL: "the path is not valid here",
  EXDEV: "the directory is on another file system than its parent",
  EBUSY: "the directory is busy (a mount point?)",
  EISDIR: "a directory is in the way",
};
