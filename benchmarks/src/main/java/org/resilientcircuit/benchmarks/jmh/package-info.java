/**
 * JMH micro-benchmarks: the cost of one call of a guarded method, Resilient Circuit (in-memory and
 * PostgreSQL store) against SmallRye Fault Tolerance, each in its own Weld SE container.
 *
 * <ul>
 * <li>{@link org.resilientcircuit.benchmarks.jmh.PlainCallBenchmark}: the baseline, the same bean's method
 * without any annotation through the Weld client proxy;
 * <li>{@link org.resilientcircuit.benchmarks.jmh.GuardedCallBenchmark}: a successful call while the breaker is
 * closed, per {@code implementation} ({@code memory}, {@code postgres}, {@code smallrye}, and {@code floor}: the
 * same method with only a no-op interceptor, {@link org.resilientcircuit.benchmarks.jmh.FloorInterceptor}) and
 * {@code policy}
 * ({@code circuitBreaker}, {@code retry}, {@code both});
 * <li>{@link org.resilientcircuit.benchmarks.jmh.RejectedCallBenchmark}: a call rejected by an open breaker, per
 * {@code implementation}.
 * </ul>
 *
 * Run them all, at 1, 2, 4 and then 8 threads, with JMH's GC profiler (bytes allocated per call), into one CSV file:
 *
 * <pre>
 * ./mvnw -B install -pl api,impl -DskipTests
 * ./mvnw -B package -pl benchmarks -DskipTests
 * ./mvnw -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp "$(cat benchmarks/cp.txt):benchmarks/target/classes" org.resilientcircuit.benchmarks.jmh.JmhMain --out target/jmh.csv
 * </pre>
 *
 * ({@code --quick} for a smoke run.) The {@code postgres} configurations need a PostgreSQL server:
 * {@code RC_BENCH_JDBC_URL}, else {@code RC_TEST_JDBC_URL}, else
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}; each trial creates the table if needed and
 * works in a scratch namespace whose rows it deletes at the end.
 */
package org.resilientcircuit.benchmarks.jmh;
