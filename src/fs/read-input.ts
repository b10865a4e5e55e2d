// Reads a file the user named as input (inf parse, infverif, stampinf -f,
// catalog, signtool). A regular file is read whole. A FIFO (a named pipe, or
// the shell's `<(...)`) is opened non-blocking and read through the event loop:
// no thread of Node's pool ever blocks on it, so Ctrl+C and SIGTERM stop a
// command waiting on a pipe nobody writes (a pool thread blocked in open() kept
// even process.exit from finishing). A device file or socket is refused: it
// could read without end.
import { closeSync, constants, fstatSync, open, openSync, promises as fsp, readFileSync } from 'node:fs';
import { Socket } from 'node:net';

function errnoError(message: string, code: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code, path });
}

export async function readUserInput(path: string): Promise<Buffer> {
  const info = await fsp.stat(path);
  if (info.isDirectory()) throw errnoError('is a directory', 'EISDIR', path);
  if (info.isFile()) return fsp.readFile(path);
  if (!info.isFIFO()) throw errnoError('a device file or socket, not a regular file; refused (it could read without end)', 'EINVAL', path);
  const fd = await new Promise<number>((resolve, reject) => open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0), (error, fd) => (error ? reject(error) : resolve(fd))));
  return new Promise<Buffer>((resolve, reject) => {
    const pipe = new Socket({ fd, readable: true, writable: false });
    const chunks: Buffer[] = [];
    pipe.on('data', (chunk: Buffer) => chunks.push(chunk));
    pipe.on('end', () => {
      pipe.destroy();
      resolve(Buffer.concat(chunks));
    });
    pipe.on('error', (error) => {
      pipe.destroy();
      reject(error);
    });
  });
}

/**
 * A regular file read whole on this thread, without the event loop: for many small files
 * (infverif DIR) a promise-based stat, open, fstat, read and close per file cost several times
 * the reading itself. The open does not block (a FIFO put where the file was is opened and then
 * refused here, never waited on) and the kind is judged on what was opened, so a file swapped
 * after a directory walk listed it cannot hang the thread. undefined for anything but a regular
 * file (stdin, a FIFO, a device, a directory) and for any error: readUserInput then reads it,
 * or says why it cannot.
 */
export function readRegularFileSync(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    return fstatSync(fd).isFile() ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
