import './unit-env';
import { buildAddPhoto } from '../src/access/photos';
import { entities } from '../src/entities/service';
import { parseItem, parseItems, toPage } from '../src/format';
import { decodeCursor } from '../src/pagination';

function storedPhoto() {
  const { transaction, photo } = buildAddPhoto({
    albumId: '01J9Z3K6Q0R4T8V2X6Z0B4D8F2',
    ownerId: 'u-1',
    contentType: 'image/png',
    size: 5,
    caption: 'c',
  });
  const item = (transaction.params() as { TransactItems: { Put: { Item: Record<string, unknown> } }[] })
    .TransactItems[0]!.Put.Item;
  return { item, photo };
}

describe('parseItems', () => {
  it('returns what ElectroDB formats: attributes only, no keys or identity fields', () => {
    const { item, photo } = storedPhoto();
    const [formatted] = parseItems('photos', [item]);
    expect(formatted).toEqual(photo);
    expect(formatted).toEqual(entities().photos.parse({ Items: [item] }).data[0]);
    expect(parseItem('photos', item)).toEqual(photo);
    expect(parseItem('photos', undefined)).toBeNull();
  });

  it('drops items of other entities or versions', () => {
    const { item } = storedPhoto();
    expect(
      parseItems('photos', [
        { ...item, __edb_e__: 'album' },
        { ...item, __edb_v__: '2' },
      ]),
    ).toEqual([]);
    expect(parseItems('albums', [item])).toEqual([]);
    expect(parseItem('albums', item)).toBeNull();
  });

  it('signs the LastEvaluatedKey for the list it came from', () => {
    const list = { pattern: 'listAlbumPhotos', partition: 'a' };
    const lek = { pk: 'p', sk: 's', gsi1pk: 'g', gsi1sk: 'h' };
    const page = toPage('photos', list, { data: { Items: [], LastEvaluatedKey: lek } });
    expect(page.items).toEqual([]);
    expect(decodeCursor(list, page.cursor!)).toEqual(lek);
    expect(toPage('photos', list, { data: { Items: [] } }).cursor).toBeNull();
  });
});
