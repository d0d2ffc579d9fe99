'use strict';
// msgpackr loads this in a try/catch and uses its JavaScript string decoder when it throws.
throw new Error('msgpackr-extract is not installed in samsa (JavaScript fallback in use)');
