// The one zod every product module uses: zod/mini (functional API, tree-shakeable: ~33 KB of a
// minified api Lambda bundle, against ~94 KB for classic `zod`, whose schemas carry every method on
// their prototypes), plus the English error messages classic installs on import and mini does not
// (without them every issue reads "Invalid input"). Import it as
// `import * as z from '@gallery/core/zod'` ('../zod' inside this package); eslint forbids importing
// 'zod' or 'zod/mini' anywhere else, so no schema can miss the messages or pull classic back in.
import { config } from 'zod/mini';
// A named import: `z.locales.en()` would keep every locale in the bundle (+250 KB).
import { en } from 'zod/locales';

config(en());

export * from 'zod/mini';
