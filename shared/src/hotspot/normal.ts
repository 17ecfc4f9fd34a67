/**
 * Standard normal tail probabilities for the hot-spot engine.
 *
 * `erfc` follows W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 23, 1969, 631–638; netlib specfun
 * CALERF), which are accurate to about double precision (relative error ~1e-16) on all of
 * the real line — far better than the 1e-7 the Gi* test vectors need. The coefficients are
 * Cody's 18-digit constants written as the doubles they round to.
 */

// erf on |x| <= 0.46875
const A0 = 3.1611237438705655;
const A1 = 113.86415415105016;
const A2 = 377.485237685302;
const A3 = 3209.3775891384694;
const A4 = 0.18577770618460315;
const B0 = 23.601290952344122;
const B1 = 244.02463793444417;
const B2 = 1282.6165260773723;
const B3 = 2844.236833439171;

// erfc on 0.46875 < |x| <= 4
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769, 1712.0476126340707, 2051.0783778260716,
  1230.3393547979972, 2.1531153547440383e-8,
] as const;
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597, 4362.619090143247, 3439.3676741437216,
  1230.3393548037495,
] as const;

// erfc on |x| > 4
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378, 0.016315387137302097,
] as const;
const Q = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918] as const;

const SQRT_1_PI = 0.5641895835477563; // 1/sqrt(pi)
const X_SMALL = 1.11e-16;
const X_BIG = 26.543; // erfc underflows to 0 beyond this

/** exp(-y²) · r, computed as exp(-ys²)·exp(-(y-ys)(y+ys)) to avoid cancellation in y². */
function scaleByGaussian(y: number, r: number): number {
  const ys = Math.trunc(y * 16) / 16;
  const del = (y - ys) * (y + ys);
  return Math.exp(-ys * ys) * Math.exp(-del) * r;
}

/** Complementary error function erfc(x) = 1 − erf(x), accurate to about 1e-16 relative. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  let result: number;
  if (y <= 0.46875) {
    const ysq = y > X_SMALL ? y * y : 0;
    let num = A4 * ysq;
    let den = ysq;
    num = (num + A0) * ysq;
    den = (den + B0) * ysq;
    num = (num + A1) * ysq;
    den = (den + B1) * ysq;
    num = (num + A2) * ysq;
    den = (den + B2) * ysq;
    const erf = (x * (num + A3)) / (den + B3);
    return 1 - erf;
  } else if (y <= 4) {
    // Horner form of Cody's C/D rational function, unrolled (this is the hot path of Gi*).
    const num = (((((((C[8] * y + C[0]) * y + C[1]) * y + C[2]) * y + C[3]) * y + C[4]) * y + C[5]) * y + C[6]) * y + C[7];
    const den = (((((((y + D[0]) * y + D[1]) * y + D[2]) * y + D[3]) * y + D[4]) * y + D[5]) * y + D[6]) * y + D[7];
    // One exp suffices here: y² <= 16 loses at most ~2e-15 relative.
    result = Math.exp(-y * y) * (num / den);
  } else if (y >= X_BIG) {
    result = 0;
  } else {
    const ysq = 1 / (y * y);
    let num = P[5] * ysq;
    let den = ysq;
    num = (num + P[0]) * ysq;
    den = (den + Q[0]) * ysq;
    num = (num + P[1]) * ysq;
    den = (den + Q[1]) * ysq;
    num = (num + P[2]) * ysq;
    den = (den + Q[2]) * ysq;
    num = (num + P[3]) * ysq;
    den = (den + Q[3]) * ysq;
    const r = (ysq * (num + P[4])) / (den + Q[4]);
    result = scaleByGaussian(y, (SQRT_1_PI - r) / y);
  }
  return x < 0 ? 2 - result : result;
}

/** Two-sided p-value of a standard normal z-score: P(|Z| >= |z|) = erfc(|z|/√2). NaN stays NaN. */
export function twoSidedP(z: number): number {
  return erfc(Math.abs(z) * Math.SQRT1_2);
}

/** Standard normal cumulative distribution function Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z * Math.SQRT1_2);
}
