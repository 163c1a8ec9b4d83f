import { isStandardCsvName, parseFileName, serialAt, standardFileName } from './file-name';
import { FILE_TYPES } from './spec-data';

describe('parseFileName', () => {
  it('parses a V4.1 name with month and service kinds', () => {
    expect(parseFileName('UPPLAN_201912_0300000100_43_0300000005_11_20191025200201.CSV')).toEqual({
      fileType: 'UPPLAN',
      yyyymm: '201912',
      senderOfficeNumber: '0300000100',
      senderServiceKind: '43',
      receiverOfficeNumber: '0300000005',
      receiverServiceKind: '11',
      serial: '20191025200201',
      legacy: false,
      branchNo: null,
    });
  });

  it('tests longer prefixes first', () => {
    expect(parseFileName('UPYOBO_SUB_0300000100_43_0300000005_11_20191025200201.CSV')?.fileType).toBe(
      'UPYOBO_SUB',
    );
    expect(parseFileName('UPKIHON_SUB2_0300000100_43_0300000005_11_20191025200201.csv')?.fileType).toBe(
      'UPKIHON_SUB2',
    );
    const img = parseFileName('UPKIHON_IMAGE_0300000100_43_0300000005_11_20191025200201_0001.JPG');
    expect(img?.fileType).toBe('UPKIHON_IMAGE');
    expect(img?.branchNo).toBe('0001');
  });

  it('accepts service kinds with letters and office numbers with a class letter', () => {
    const p = parseFileName('UPPLAN_202505_13A1000110_A6_0300000005_2A_20250425103000.CSV');
    expect(p?.senderServiceKind).toBe('A6');
    expect(p?.receiverServiceKind).toBe('2A');
  });

  it('accepts legacy V3 names without service kinds', () => {
    const p = parseFileName('UPPLAN_201912_0300000100_0300000005_20191025200201.CSV');
    expect(p).toMatchObject({
      fileType: 'UPPLAN',
      legacy: true,
      senderServiceKind: null,
      receiverServiceKind: null,
    });
    expect(parseFileName('UP1KYO_0300000100_0300000005_20191025200201.CSV')?.legacy).toBe(true);
  });

  it('rejects the defective examples of the spec text', () => {
    expect(parseFileName('UP1KYO_123456789_43_2468135790_11_20191110102233.CSV')).toBeNull(); // 9-digit sender
    expect(parseFileName('UPKIHON_000000_0300000100_43_0300000005_11_20191025200201.CSV')).toBeNull(); // month part
    expect(parseFileName('UP1KYO_0300000100_43_0300000005_11_201911110102233.CSV')).toBeNull(); // 15-digit serial
    expect(parseFileName('UPPLAN_201912_0300000100_431_0300000005_11_20191025200201.CSV')).toBeNull(); // V4.0 3-digit
    expect(parseFileName('UPPLAN_201912_0300000100_43_0300000005_11_20191025200201.TXT')).toBeNull();
  });
});

describe('isStandardCsvName', () => {
  it('is true for a known prefix with a .CSV/.csv extension, even when malformed', () => {
    expect(isStandardCsvName('UPPLAN_201912_0300000100_43_0300000005_11_20191025200201.CSV')).toBe(true);
    expect(isStandardCsvName('UPPLAN_garbage.csv')).toBe(true);
    expect(isStandardCsvName('DLTJSK.CSV')).toBe(true);
  });
  it('is false for attachments and other names', () => {
    expect(isStandardCsvName('monitoring.pdf')).toBe(false);
    expect(isStandardCsvName('UPPLAN_notes.txt')).toBe(false);
    expect(isStandardCsvName('report.csv')).toBe(false);
    expect(isStandardCsvName('UPKIHON_IMAGE_0300000100_43_0300000005_11_20191025200201_0001.jpg')).toBe(
      false,
    );
  });
});

describe('standardFileName', () => {
  const parties = {
    senderOfficeNumber: '0300000100',
    senderServiceKind: '43',
    receiverOfficeNumber: '03A0000005',
    receiverServiceKind: 'A6',
    serial: '20191025200201',
  };

  it.each([...FILE_TYPES])('builds a $id name that parses back to the same parts', (spec) => {
    const parts = {
      ...parties,
      fileType: spec.id,
      yyyymm: spec.hasMonth ? '201912' : null,
      branchNo: spec.isCsv ? null : '0001',
    };
    const name = standardFileName(parts);
    expect(name.startsWith(`${spec.prefix}_`)).toBe(true);
    expect(parseFileName(name)).toEqual({ ...parts, legacy: false });
    expect(isStandardCsvName(name)).toBe(spec.isCsv);
  });

  it('builds the example of the standard', () => {
    expect(
      standardFileName({
        fileType: 'UPPLAN',
        yyyymm: '201912',
        ...parties,
        receiverOfficeNumber: '0300000005',
        receiverServiceKind: '11',
      }),
    ).toBe('UPPLAN_201912_0300000100_43_0300000005_11_20191025200201.CSV');
  });

  it('refuses parts the standard does not allow: a missing or unwanted month, a 3-digit kind', () => {
    expect(() => standardFileName({ fileType: 'UPPLAN', ...parties })).toThrow(/yyyymm/);
    expect(() => standardFileName({ fileType: 'UP1KYO', yyyymm: '201912', ...parties })).toThrow(/no month/);
    expect(() => standardFileName({ fileType: 'UP1KYO', ...parties, senderServiceKind: '431' })).toThrow(
      /service kind "431"/,
    );
  });
});

describe('serialAt', () => {
  it('is the Japan time of the moment, also across the date line', () => {
    expect(serialAt(new Date('2025-04-25T01:30:00Z'))).toBe('20250425103000');
    expect(serialAt(new Date('2025-12-31T15:00:05Z'))).toBe('20260101000005');
  });
});
