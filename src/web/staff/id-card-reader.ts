/**
 * 身份证读卡器: the adapter a window's ID-card reader plugs into. A real reader (a vendor's local service or WebUSB
 * driver) implements `IdCardReader` and is installed with `installIdCardReader`; until then the typed stand-in
 * (`manualIdCardReader`) turns a clerk's manual entry into the same reading event, so the intake form has one path.
 */

/** What a second-generation ID card holds (GB 21658), as a reader reports it; the form uses name and number. */
export type IdCardReading = {
  name: string;
  idNumber: string;
  sex?: '男' | '女';
  nation?: string;
  birthDate?: string;
  address?: string;
  issuer?: string;
  validFrom?: string;
  validTo?: string;
  /** The photo as a data URL, when the reader gives it. */
  photo?: string;
  /** Where the reading came from: a reader device, or typed by the clerk. */
  source: 'reader' | 'manual';
};

export type IdCardReader = {
  /** Shown to the clerk (the device's name, or the stand-in's). */
  readonly label: string;
  /** True when a device is attached; false for the stand-in. */
  readonly device: boolean;
  /** Calls `listener` with every card read; returns the unsubscribe. */
  subscribe(listener: (reading: IdCardReading) => void): () => void;
};

/** The stand-in: a manual entry emits a reading exactly as a device would. */
export type ManualIdCardReader = IdCardReader & { emit(reading: Omit<IdCardReading, 'source'>): void };

function createManualReader(): ManualIdCardReader {
  const listeners = new Set<(reading: IdCardReading) => void>();
  return {
    label: 'manual',
    device: false,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(reading) {
      for (const listener of listeners) listener({ ...reading, source: 'manual' });
    },
  };
}

/** The typed stand-in used until a device is installed (and by the browser tests). */
export const manualIdCardReader: ManualIdCardReader = createManualReader();

let installed: IdCardReader | null = null;

/** Installs a device's adapter (called by the driver's bootstrap); `null` goes back to the stand-in. */
export function installIdCardReader(reader: IdCardReader | null): void {
  installed = reader;
}

/** The reader in use: the installed device, else the stand-in. */
export function currentIdCardReader(): IdCardReader {
  return installed ?? manualIdCardReader;
}
