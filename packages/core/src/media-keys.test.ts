import { parseMediaKey, thumbnailPrefix, uploadKey } from './media-keys';

const PHOTO = '01J9Z3K6Q0R4T8V2X6Z0B4D8F2';

describe('parseMediaKey', () => {
  it('reads uploads and renditions as the API and the thumbnail function write them', () => {
    expect(parseMediaKey(uploadKey('u-1', PHOTO))).toEqual({
      kind: 'upload',
      ownerId: 'u-1',
      photoId: PHOTO,
    });
    expect(parseMediaKey(`${thumbnailPrefix('u-1', PHOTO)}small.webp`)).toEqual({
      kind: 'thumbnail',
      ownerId: 'u-1',
      photoId: PHOTO,
    });
  });

  it.each([
    'uploads/junk.txt',
    `uploads/u-1/${PHOTO}/extra`,
    `uploads//${PHOTO}`,
    'uploads/u-1/not-a-ulid',
    `uploads/u-1/${PHOTO.toLowerCase()}`,
    `thumbnails/u-1/${PHOTO}`,
    `thumbnails/u-1/${PHOTO}/`,
    `other/u-1/${PHOTO}`,
  ])('refuses %s', (key) => {
    expect(parseMediaKey(key)).toBeUndefined();
  });
});
