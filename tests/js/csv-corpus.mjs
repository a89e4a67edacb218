// The CSV quirks corpus: the files real learners bring, each with what the reader must make of
// it ({x, y, feature_names, class_names}) or the error it must give (line, column). Run through
// the API (tests/js/csv.test.mjs) and through the playground's CSV box (tests/browser/learner_csv.test.mjs).

const AB = { feature_names: ['a', 'b'], class_names: ['x', 'y'] };
// [name, text, options, expected {x, y, feature_names, class_names} or an error pattern]
/** @type {Array<[string, string, object, RegExp | object]>} */
export const CSV_CORPUS = [
  [
    'plain, header',
    'a,b,label\n1,2,x\n3,4,y\n',
    {},
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      ...AB,
    },
  ],
  [
    'UTF-8 BOM before the header',
    '\ufeffa,b,label\n1,2,x\n3,4,y\n',
    {},
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      ...AB,
    },
  ],
  [
    'CRLF and blank lines',
    'a,b,label\r\n1,2,x\r\n\r\n3,4,y\r\n\r\n',
    {},
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      ...AB,
    },
  ],
  [
    'no final newline',
    'a,b,label\n1,2,x\n3,4,y',
    {},
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      ...AB,
    },
  ],
  [
    'doubled quotes inside quotes',
    'a,b,label\n1,2,"say ""hi"""\n3,4,plain\n',
    {},
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [1, 0],
      feature_names: ['a', 'b'],
      class_names: ['plain', 'say "hi"'],
    },
  ],
  [
    'quoted newline and delimiter in a label',
    'a,b,label\n1,2,"two\nlines, one label"\n3,4,z\n',
    {},
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      feature_names: ['a', 'b'],
      class_names: ['two\nlines, one label', 'z'],
    },
  ],
  [
    'quoted header names with commas',
    '"a, cm",b,label\n1,2,x\n3,4,y\n',
    {},
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      feature_names: ['a, cm', 'b'],
      class_names: ['x', 'y'],
    },
  ],
  [
    'semicolons with decimal commas',
    'a;b;label\n1,5;2;x\n-0,25;4e1;y\n',
    {},
    {
      x: [
        [1.5, 2],
        [-0.25, 40],
      ],
      y: [0, 1],
      ...AB,
    },
  ],
  [
    'no header, class names last (iris.data): the first row is data',
    '5.1,3.5,Iris-setosa\n4.9,3,Iris-setosa\n7,3.2,Iris-versicolor\n',
    {},
    {
      x: [
        [5.1, 3.5],
        [4.9, 3],
        [7, 3.2],
      ],
      y: [0, 0, 1],
      feature_names: ['x1', 'x2'],
      class_names: ['Iris-setosa', 'Iris-versicolor'],
    },
  ],
  [
    'no header, class names first, semicolons and decimal commas',
    'cat;1,5;2\ndog;0,5;4\n',
    {},
    {
      x: [
        [1.5, 2],
        [0.5, 4],
      ],
      y: [0, 1],
      feature_names: ['x2', 'x3'],
      class_names: ['cat', 'dog'],
    },
  ],
  [
    'labels with decimal commas stay as written',
    'a;b;dose\n1;2;0,5\n3;4;1,5\n',
    {},
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      feature_names: ['a', 'b'],
      class_names: ['0,5', '1,5'],
    },
  ],
  [
    'a stray "?" in a column of numbers is an error there, not the label',
    'age,grade,label\n31,2,0\n26,?,1\n40,3,0\n',
    {},
    /^csv: line 3, column 2: "\?" is not a number \(column "grade"\)$/,
  ],
  [
    'tabs with decimal commas',
    'a\tb\tlabel\n1,5\t2\tx\n3\t-0,5\ty\n',
    {},
    {
      x: [
        [1.5, 2],
        [3, -0.5],
      ],
      y: [0, 1],
      ...AB,
    },
  ],
  [
    'a delimiter at the end of every line',
    'a,b,label,\r\n1,2,x,\r\n3,4,y,\r\n',
    {},
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      ...AB,
    },
  ],
  [
    'an id column left out',
    'id,a,b,label\nr1,1,2,x\nr2,3,4,y\n',
    { ignoreColumns: [0] },
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      ...AB,
    },
  ],
  [
    'a numeric id column left out after the label',
    'a,b,label,id\n1,2,x,7\n3,4,y,8\n',
    { ignoreColumns: [3] },
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      ...AB,
    },
  ],
  [
    'the label left out',
    'a,b,label\n1,2,x\n3,4,y\n',
    { labelColumn: 2, ignoreColumns: [2] },
    /^label_column: the label column "label" is one left out \(ignore_columns\)$/,
  ],
  [
    'a column to leave out that is not there',
    'a,b,label\n1,2,x\n3,4,y\n',
    { ignoreColumns: [5] },
    /^ignore_columns: must be a list of column indices in \[0, 2\], got "\[5\]"$/,
  ],
  [
    'tabs',
    'a\tb\tlabel\n1\t2\tx\n3\t4\ty\n',
    {},
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      ...AB,
    },
  ],
  [
    'no header: names made up, last column is the label',
    '1,2,1\n3,4,0\n5,6,10\n',
    {},
    {
      x: [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      y: [1, 0, 2],
      feature_names: ['x1', 'x2'],
      class_names: ['0', '1', '10'],
    },
  ],
  [
    'header forced off',
    '1,2,a\n3,4,b\n',
    { header: false },
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      feature_names: ['x1', 'x2'],
      class_names: ['a', 'b'],
    },
  ],
  [
    'label column by name, first',
    'species,a,b\nx,1,2\ny,3,4\n',
    { labelColumn: 'species' },
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      ...AB,
    },
  ],
  [
    'label column by index',
    'a,label,b\n1,x,2\n3,y,4\n',
    { labelColumn: 1 },
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      ...AB,
    },
  ],
  [
    'spaces around fields',
    ' a , b ,label\n 1 , 2 , x \n3,4,y\n',
    {},
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      ...AB,
    },
  ],
  [
    'declared classes',
    '# my data\n# classes: cat,dog\na,b,t\n1,2,1\n3,4,0\n',
    {},
    {
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [1, 0],
      feature_names: ['a', 'b'],
      class_names: ['cat', 'dog'],
    },
  ],
  [
    'a feature that is not a number',
    'a,b,label\n1,2,x\n\n3,abc,y\n',
    {},
    /^csv: line 4, column 2: "abc" is not a number \(column "b"\)$/,
  ],
  ['an empty feature', 'a,b,label\n1,,x\n3,4,y\n', {}, /^csv: line 2, column 2: empty field \(column "b"\)$/],
  [
    'a quoted newline moves the line count',
    'a,b,label\n1,2,"x\ny"\n3,4,"z"\n5,oops,z\n',
    {},
    /^csv: line 5, column 2: "oops" is not a number/,
  ],
  [
    'a quote never closed',
    'a,b,label\n1,2,x\n3,"4,y\n5,6,z\n',
    {},
    /^csv: line 3: a quoted field is never closed/,
  ],
  [
    'text after a closing quote',
    'a,b,label\n1,2,x\n3,"4"z,y\n',
    {},
    /^csv: line 3: text after the closing " of a quoted field/,
  ],
  [
    'a row with too few fields',
    'a,b,label\n1,2,x\n3,y\n',
    {},
    /^csv: line 3: 2 fields, expected 3 like line 1$/,
  ],
  [
    'one class only',
    'a,b,label\n1,2,x\n3,4,x\n',
    {},
    /^csv: the label column "label" has a single class; need at least 2$/,
  ],
  [
    'infinity is not a number',
    'a,b,label\n1,Infinity,x\n3,4,y\n',
    {},
    /^csv: line 2, column 2: "Infinity" is not a number/,
  ],
  [
    'outside float32',
    'a,b,label\n1,1e39,x\n3,4,y\n',
    {},
    /^csv: line 2, column 2: "1e39" is outside the float32 range/,
  ],
  [
    'beyond the doubles',
    'a,b,label\n1,-1e999,x\n3,4,y\n',
    {},
    /^csv: line 2, column 2: "-1e999" is outside the float32 range/,
  ],
  [
    'unknown label column',
    'a,b,label\n1,2,x\n3,4,y\n',
    { labelColumn: 'species' },
    /^label_column: no column named "species"; the columns are "a", "b", "label"$/,
  ],
  ['one column', 'a\n1\n2\n', {}, /^csv: line 1: need at least 2 columns/],
  ['header only', 'a,b,label\n', {}, /^csv: line 1: the CSV has a header but no data rows$/],
  ['nothing', '', {}, /^csv: no data: the text has no rows$/],
  [
    'declared classes with a label out of range',
    '# classes: a,b\nf,t\n1,0\n2,2\n',
    {},
    /^csv: line 4, column 2: label "2" must be a class index in \[0, 1\]/,
  ],
  [
    'over the size limit',
    'a,b,label\n1,2,x\n3,4,y\n',
    { maxBytes: 12 },
    /^csv: line 2: the text is 22 bytes, more than the limit of 12 bytes \(reached at character 3\)$/,
  ],
  ['a bad delimiter option', 'a|b\n', { delimiter: '|' }, /^delimiter: must be ",", ";" or a tab, got "\|"$/],
];
