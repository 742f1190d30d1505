package io.lakelens.analytics.model;

import io.lakelens.LakeLensException;

/**
 * The knobs of the risk model, all of which go into its id: the same table version, ranges and
 * parameters (seed included) train the same model and give the same metrics.
 *
 * @param horizonDays      the target is the realised volatility of the following N trading days
 * @param volatilityWindow trading days in the trailing volatility feature (30 in the write-up)
 * @param minObservations  fewest daily returns a row needs in its trailing window to be used
 * @param maxIter          boosting rounds of the gradient-boosted trees
 * @param maxDepth         depth of each tree
 * @param seed             seed of the tree learner
 */
public record ModelParams(int horizonDays, int volatilityWindow, int minObservations, int maxIter, int maxDepth, long seed) {
    public static final ModelParams DEFAULTS = new ModelParams(5, 30, 5, 40, 4, 42);

    public ModelParams {
        if (horizonDays < 2 || horizonDays > 250) {
            throw new LakeLensException("The horizon must be 2 to 250 trading days, not " + horizonDays + ".");
        }
        if (volatilityWindow < 3 || volatilityWindow > 250) {
            throw new LakeLensException("The volatility window must be 3 to 250 trading days, not " + volatilityWindow + ".");
        }
        if (minObservations < 2 || minObservations > volatilityWindow) {
            throw new LakeLensException("At least 2 and at most " + volatilityWindow + " returns must be required in the window, not "
                    + minObservations + ".");
        }
        if (maxIter < 1 || maxIter > 500) {
            throw new LakeLensException("The boosting rounds must be 1 to 500, not " + maxIter + ".");
        }
        if (maxDepth < 1 || maxDepth > 12) {
            throw new LakeLensException("The tree depth must be 1 to 12, not " + maxDepth + ".");
        }
    }

    public ModelParams withHorizon(int days) {
        return new ModelParams(days, volatilityWindow, minObservations, maxIter, maxDepth, seed);
    }

    public ModelParams withSeed(long s) {
        return new ModelParams(horizonDays, volatilityWindow, minObservations, maxIter, maxDepth, s);
    }

    public ModelParams withTrees(int iterations, int depth) {
        return new ModelParams(horizonDays, volatilityWindow, minObservations, iterations, depth, seed);
    }

    public ModelParams withWindow(int window, int minObs) {
        return new ModelParams(horizonDays, window, minObs, maxIter, maxDepth, seed);
    }

    /** A stable text of every parameter, for ids and cache keys. */
    String canonical() {
        return "h=" + horizonDays + ";w=" + volatilityWindow + ";min=" + minObservations + ";iter=" + maxIter + ";depth=" + maxDepth
                + ";seed=" + seed;
    }
}
