package dev.stepsolver.emulator.codepipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda deploy action's DeployStrategy: {@code AllAtOnce}, {@code Canary<P>Percent<M>Minutes}
 * (P % of the traffic first, the rest M minutes later) or {@code Linear<P>PercentEvery<M>Minute(s)} (P %
 * more every M minutes), with any percentage 1 to 99 and minutes, the whole lasting at most 2 days.
 */
record DeployStrategy(String name, List<Step> steps) {

    /** After {@code delay}, the target version gets {@code percent} of the traffic (100: all of it). */
    record Step(Duration delay, int percent) {
    }

    static final Duration MAX_TOTAL = Duration.ofDays(2);
    private static final Pattern CANARY = Pattern.compile("Canary(\\d{1,2})Percent(\\d{1,4})Minutes?");
    private static final Pattern LINEAR = Pattern.compile("Linear(\\d{1,2})PercentEvery(\\d{1,4})Minutes?");

    /**
     * @throws IllegalArgumentException for a name that is none of the forms, or a strategy over 2 days
     */
    static DeployStrategy parse(String name) {
        List<Step> steps = new ArrayList<>();
        if ("AllAtOnce".equals(name)) {
            steps.add(new Step(Duration.ZERO, 100));
            return new DeployStrategy(name, steps);
        }
        Matcher canary = CANARY.matcher(name);
        Matcher linear = LINEAR.matcher(name);
        if (canary.matches()) {
            int percent = percent(canary.group(1), name);
            Duration interval = Duration.ofMinutes(Long.parseLong(canary.group(2)));
            steps.add(new Step(Duration.ZERO, percent));
            steps.add(new Step(interval, 100));
        } else if (linear.matches()) {
            int percent = percent(linear.group(1), name);
            Duration interval = Duration.ofMinutes(Long.parseLong(linear.group(2)));
            for (int share = percent; share < 100; share += percent) {
                steps.add(new Step(steps.isEmpty() ? Duration.ZERO : interval, share));
            }
            steps.add(new Step(interval, 100));
        } else {
            throw new IllegalArgumentException("DeployStrategy '" + name + "' is not AllAtOnce,"
                    + " Canary<percent>Percent<minutes>Minutes or Linear<percent>PercentEvery<minutes>Minutes");
        }
        DeployStrategy strategy = new DeployStrategy(name, steps);
        if (strategy.total().compareTo(MAX_TOTAL) > 0 || strategy.total().isZero()) {
            throw new IllegalArgumentException("DeployStrategy '" + name + "' lasts " + strategy.total().toMinutes()
                    + " minutes; a strategy lasts more than 0 minutes and at most 2 days");
        }
        return strategy;
    }

    private static int percent(String digits, String name) {
        int percent = Integer.parseInt(digits);
        if (percent < 1 || percent > 99) {
            throw new IllegalArgumentException("DeployStrategy '" + name + "' shifts " + percent
                    + "%; the percentage is 1 to 99");
        }
        return percent;
    }

    Duration total() {
        return steps.stream().map(Step::delay).reduce(Duration.ZERO, Duration::plus);
    }
}
