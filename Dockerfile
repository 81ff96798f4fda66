# syntax=docker/dockerfile:1
# CustOrder: build with the .NET SDK, run on the ASP.NET Core runtime image as a non-root user.
#   docker build -t custorder .
# Configuration comes only from environment variables (see README, "Configuration").

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore in its own layer: it is redone only when a project or package file changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
# The image's SDK feature band may be older than the one global.json pins: install that one then.
COPY deploy/container/ensure-sdk.sh /usr/local/bin/
RUN bash /usr/local/bin/ensure-sdk.sh
COPY src/CustOrder.Api/CustOrder.Api.csproj src/CustOrder.Api/
RUN dotnet restore src/CustOrder.Api/CustOrder.Api.csproj
COPY .editorconfig ./
COPY src/ src/
RUN dotnet publish src/CustOrder.Api/CustOrder.Api.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The image listens on 8080 (ASPNETCORE_HTTP_PORTS=8080) and has a non-root user "app".
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
COPY --from=build /app ./
COPY deploy/container/entrypoint.sh deploy/container/healthcheck.sh /usr/local/bin/
USER $APP_UID
EXPOSE 8080
# The runtime image has neither curl nor wget: healthcheck.sh speaks HTTP through bash's /dev/tcp.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "/usr/local/bin/healthcheck.sh", "/health/ready"]
ENTRYPOINT ["bash", "/usr/local/bin/entrypoint.sh"]
