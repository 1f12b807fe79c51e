/**
 * The writes persistence makes, in one place: node's file system by default; a test passes its own to fail a write
 * (ENOSPC, EIO) or to trace what reached the disk when (the crash test).
 */
import { rename, type FileHandle } from 'node:fs/promises';

export interface DataFiles {
  /** Writes all of `data` (an append handle writes at the end). */
  write(handle: FileHandle, path: string, data: Buffer): Promise<void>;
  /** fdatasync: `path`'s data written so far is on disk. */
  sync(handle: FileHandle, path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

export const nodeFiles: DataFiles = {
  // FileHandle.write may write fewer bytes than asked: loop so that nothing is cut short silently.
  async write(handle, _path, data) {
    for (let offset = 0; offset < data.length;) offset += (await handle.write(data, offset, data.length - offset)).bytesWritten;
  },
  sync: (handle) => handle.datasync(),
  rename: (from, to) => rename(from, to),
};
