// Express 4 is installed under the alias "express4" so that the same suite runs against both majors.
// Its API used here is the same as Express 5's, so the Express 5 types describe it well enough.
declare module 'express4' {
  import express from 'express';
  export default express;
}
