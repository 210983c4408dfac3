# syntax=docker/dockerfile:1
# Multi-stage build of the StudyEdc web host.
#
#   docker build -t studyedc .
#   docker build -t studyedc:cuda --build-arg RUNTIME_BASE=cuda .
#
# RUNTIME_BASE=aspnet (default) runs inference on the CPU. RUNTIME_BASE=cuda starts from NVIDIA's CUDA 12 +
# cuDNN 9 runtime image and installs the ASP.NET Core runtime into it, so ONNX Runtime's CUDA execution provider
# finds its libraries; without a GPU at run time the same image falls back to the CPU.

ARG RUNTIME_BASE=aspnet
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig StudyEdc.sln appsettings.json ./
COPY src/ src/
COPY migrations/ migrations/
# The reference ONNX model is built into the output of every program that references StudyEdc.Inference.
COPY models/ models/
RUN dotnet restore src/StudyEdc.Web/StudyEdc.Web.csproj \
    && dotnet publish src/StudyEdc.Web/StudyEdc.Web.csproj -c Release -o /app/web --no-restore \
    && dotnet publish src/StudyEdc.Cli/StudyEdc.Cli.csproj -c Release -o /app/cli

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime-aspnet

FROM nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04 AS runtime-cuda
# The ASP.NET Core runtime is copied from Microsoft's image rather than installed from Ubuntu's archive,
# so both bases run the same runtime version.
COPY --from=runtime-aspnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
    && apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libicu74 \
    && rm -rf /var/lib/apt/lists/*
ENV DOTNET_RUNNING_IN_CONTAINER=true

FROM runtime-${RUNTIME_BASE} AS final
# Native codecs for JPEG-LS (CharLS) and JPEG 2000 (OpenJPEG), the CJK font the PDF reports embed, tzdata so
# audit times show in Asia/Shanghai, and pg_dump/psql for `studyedc backup` and `restore` of a PostgreSQL database
# (the client must be the server's major version or newer).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcharls2 libopenjp2-7 fonts-noto-cjk tzdata postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/web ./
COPY --from=build /app/cli ./cli/
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/data
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["dotnet", "StudyEdc.Web.dll"]
