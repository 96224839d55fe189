import sharp from 'sharp';

/** A realistic Taihe file, as the API takes it. */
export const TAIHE_CASE = {
  child: { fullName: '张小明', sex: 'male', dateOfBirth: '2019-03-14', distinguishingMarks: '左耳后有一颗痣' },
  lastSeenAt: '2026-05-20T09:30:00Z',
  lastSeenPlace: '太和县城关镇人民路菜市场',
  lastSeenLat: 33.1602,
  lastSeenLng: 115.622,
  jurisdictionCode: '341222',
  circumstances: '在菜市场门口玩耍时走失',
  priority: 'high',
  reporter: { name: '张建国', relationship: '父亲', phone: '+86 138 0000 0001' },
  familyContacts: [{ name: '李秀英', relationship: '母亲', phone: '+86 138 0000 0002' }],
};

/** A JPEG carrying EXIF GPS (33.16 N, 115.62 E) and DateTimeOriginal, like a phone photo. */
export async function phonePhoto(width = 2400, height = 1800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c08040' } })
    .composite([{ input: Buffer.from(`<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#40608f"/></svg>`) }])
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'X1', Artist: 'Informant Name' },
      IFD2: { DateTimeOriginal: '2026:05:30 10:15:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 9/1 3600/100', GPSLongitudeRef: 'E', GPSLongitude: '115/1 37/1 1200/100' },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}
