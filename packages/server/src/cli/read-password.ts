import { AppError } from '../errors.ts';

/**
 * Passwords for the CLI come from a prompt (echo off) or from stdin (`--password-stdin`), never from
 * the command line, where they would stay in the shell history and show in `ps` to every user of
 * the machine (issue #10 item 4).
 */
export const PASSWORD_ON_COMMAND_LINE =
  'A password is never taken from the command line (it would stay in the shell history and show in `ps`). Type it at the prompt, or pipe it in with --password-stdin, e.g. `printf "%s\\n" "$NEW_PASSWORD" | npx fangpin users passwd NAME --password-stdin` / 密码不能写在命令行上，请按提示输入，或用 --password-stdin 从标准输入读取';

/** Refuses a `--password` option (kept, hidden, only to say why). */
export function refusePasswordOption(value: unknown): void {
  if (value !== undefined) throw new AppError('VALIDATION_FAILED', PASSWORD_ON_COMMAND_LINE, { field: 'password' });
}

/** Where the CLI reads passwords from: the process's stdin, or a stream in tests. */
export type PasswordInput = NodeJS.ReadableStream & { isTTY?: boolean };

/** The first line of stdin, without its line ending. */
async function readStdinLine(stdin: PasswordInput): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new AppError('VALIDATION_FAILED', 'No password on stdin (--password-stdin reads its first line)', { field: 'password' });
  return line;
}

/** Asks on the terminal with echo off; Ctrl-C cancels. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    let value = '';
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new AppError('VALIDATION_FAILED', 'Cancelled / 已取消'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * A new password: from stdin with `--password-stdin`, otherwise typed twice at a hidden prompt.
 * Without a terminal and without --password-stdin it refuses, saying how to pipe one.
 */
export async function readNewPassword(options: { isPasswordStdin?: boolean | undefined; forWhom: string }, stdin: PasswordInput = process.stdin): Promise<string> {
  if (options.isPasswordStdin) return readStdinLine(stdin);
  if (!stdin.isTTY || stdin !== process.stdin) {
    throw new AppError('VALIDATION_FAILED', `stdin is not a terminal: pipe the password for ${options.forWhom} in with --password-stdin / 非交互环境请用 --password-stdin 传入密码`, { field: 'password' });
  }
  const first = await promptHidden(`New password for ${options.forWhom} (at least 10 characters, not the username, not a common one): `);
  const second = await promptHidden('Type it again: ');
  if (first !== second) throw new AppError('VALIDATION_FAILED', 'The two passwords differ / 两次输入的密码不一致', { field: 'password' });
  return first;
}
