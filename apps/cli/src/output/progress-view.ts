import type { UploadProgress } from '@enclave/upload-client';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { formatBytes, formatEta, formatRate } from './format';

export interface ProgressSink {
  /** A new transfer; answers its updater. */
  add(name: string, total: number): TransferView;
  stop(): void;
}

export interface TransferView {
  update(progress: UploadProgress): void;
  /** A line for non-interactive output (e.g. "part 2/8 done"); bars ignore it. */
  note(text: string): void;
}

/** Bars on a terminal (cli-progress), one line per event otherwise, nothing with --quiet. */
export function progressSink(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  quiet: boolean,
): ProgressSink {
  if (quiet)
    return {
      add: () => ({ update: () => undefined, note: () => undefined }),
      stop: () => undefined,
    };
  if (stream.isTTY) return barSink(stream);
  return {
    add: (name) => ({
      update: () => undefined,
      note: (text) => stream.write(`${name}: ${text}\n`),
    }),
    stop: () => undefined,
  };
}

function barSink(stream: NodeJS.WritableStream): ProgressSink {
  const bars = new MultiBar(
    {
      stream: stream as NodeJS.WritableStream & NodeJS.WriteStream,
      format: '{name} |{bar}| {percentage}% {done}/{size} {rate} ETA {left}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      autopadding: true,
      // Leaves room on an 80-column terminal for the name, sizes, rate and ETA.
      barsize: 16,
    },
    Presets.shades_classic,
  );
  return {
    add(name, total) {
      const bar: SingleBar = bars.create(Math.max(total, 1), 0, {
        name: name.length > 24 ? `${name.slice(0, 23)}…` : name,
        done: formatBytes(0),
        size: formatBytes(total),
        rate: '',
        left: '--',
      });
      return {
        update(progress) {
          bar.update(total === 0 ? 1 : progress.bytesDone, {
            done: formatBytes(progress.bytesDone),
            rate: formatRate(progress.rate),
            left: formatEta(progress.etaSeconds),
          });
        },
        note: () => undefined,
      };
    },
    stop: () => bars.stop(),
  };
}
