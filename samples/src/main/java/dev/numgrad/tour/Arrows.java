package dev.numgrad.tour;

import org.eclipse.collections.api.list.primitive.MutableDoubleList;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;

/**
 * Arrows drawn as one line series: each arrow is a shaft and two barbs, and NaN points separate
 * the arrows (XChart breaks a line at NaN), so a whole field is one legend entry and one series.
 * Coordinates are data units; on a chart whose axes have equal scales the heads look right.
 */
final class Arrows {

    /** Barb length as a fraction of the shaft, with a floor so that short arrows keep a visible head. */
    private static final double HEAD_FRACTION = 0.3;
    private static final double HEAD_ANGLE = Math.toRadians(25);

    private final double minimumHead;
    private final MutableDoubleList xs = new DoubleArrayList();
    private final MutableDoubleList ys = new DoubleArrayList();

    /** @param minimumHead the shortest barb, in data units */
    Arrows(double minimumHead) {
        this.minimumHead = minimumHead;
    }

    /** Adds an arrow from (x, y) by (dx, dy); a zero vector adds nothing. */
    Arrows add(double x, double y, double dx, double dy) {
        double length = Math.hypot(dx, dy);
        if (!(length > 0)) {
            return this;
        }
        if (!xs.isEmpty()) {
            xs.add(Double.NaN);
            ys.add(Double.NaN);
        }
        double tipX = x + dx;
        double tipY = y + dy;
        double head = Math.min(length, Math.max(minimumHead, HEAD_FRACTION * length));
        double back = Math.atan2(-dy, -dx);
        xs.addAll(x, tipX, tipX + head * Math.cos(back + HEAD_ANGLE), Double.NaN,
                tipX, tipX + head * Math.cos(back - HEAD_ANGLE));
        ys.addAll(y, tipY, tipY + head * Math.sin(back + HEAD_ANGLE), Double.NaN,
                tipY, tipY + head * Math.sin(back - HEAD_ANGLE));
        return this;
    }

    boolean isEmpty() {
        return xs.isEmpty();
    }

    double[] xs() {
        return xs.toArray();
    }

    double[] ys() {
        return ys.toArray();
    }
}
