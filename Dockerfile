# syntax=docker/dockerfile:1
# The solver Lambda's container image, built with a container engine. Jib builds the same image
# without one (see solver-lambda/README.md); solver-lambda's ImageAgreementIT keeps the two equal.
#
#   docker build --target reporter -o reports .           test reports (JUnit XML, JaCoCo) into ./reports
#   docker build --target production -t stepsolver-lambda .   the Lambda image
#
# The reports are exported even when tests fail; the production image is only built from a
# build whose tests all passed.

ARG BUILD_IMAGE=public.ecr.aws/amazoncorretto/amazoncorretto:21-al2023

# --- test: build with Maven, run the unit and integration tests, collect the reports ---------
FROM ${BUILD_IMAGE} AS test
# The Maven wrapper downloads Maven with curl and unpacks it with tar.
RUN dnf install -y --setopt=install_weak_deps=False tar gzip findutils && dnf clean all
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -pl solver-lambda -am verify -Dmaven.test.failure.ignore=true \
 && mkdir -p /reports/junit /reports/coverage \
 && cp solver-core/target/surefire-reports/TEST-*.xml solver-lambda/target/surefire-reports/TEST-*.xml \
       solver-lambda/target/failsafe-reports/TEST-*.xml /reports/junit/ \
 && cp -r solver-core/target/site/jacoco /reports/coverage/solver-core \
 && cp -r solver-lambda/target/site/jacoco /reports/coverage/solver-lambda

# --- reporter: only the reports, for `docker build --target reporter -o reports .` ------------
FROM scratch AS reporter
COPY --from=test /reports /

# --- verified: stops here when a test failed or errored --------------------------------------
FROM test AS verified
RUN if grep -lE '<(failure|error)[ >]' /reports/junit/*.xml; then echo "tests failed: see the reports" >&2; exit 1; fi

# --- production: Lambda's Java 21 base, the application in /var/task ------------------------
FROM public.ecr.aws/lambda/java:21 AS production
# AWS's recommendation for Java Lambda cold starts: stop at the C1 compiler.
ENV JAVA_TOOL_OPTIONS="-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
COPY --from=verified /src/solver-lambda/target/classes /var/task
COPY --from=verified /src/solver-lambda/target/lambda/lib /var/task/lib
WORKDIR /var/task
CMD ["dev.stepsolver.lambda.SolverHandler::handleRequest"]
