import type { Schemas } from '@enclave/api-contract';
import { alignColumns } from './columns';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → "1.5 KiB"; bytes are shown exactly below 1 KiB. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

/** 75 → "1m15s"; undefined (no rate yet) → "--". */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '--';
  const total = Math.ceil(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

/** An ISO timestamp as `2025-01-02 03:04:05` (UTC, as the API answers it). */
export function formatTimestamp(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}

/** `enclave ls` as aligned columns; the name comes last because it may hold spaces. */
export function formatFileTable(files: readonly Schemas['FileSummary'][]): string {
  if (files.length === 0) return 'No files.';
  const rows = [
    ['FILE ID', 'SIZE', 'STATUS', 'UPLOADED', 'NAME'],
    ...files.map((file) => [
      file.file_id,
      formatBytes(file.size),
      file.status,
      formatTimestamp(file.uploaded_at),
      file.file_name,
    ]),
  ];
  return alignColumns(rows, [1]);
}

/** Machine output: stable JSON, one document per command. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
