@echo off
rem LakeLens launcher for Windows: finds a JDK 21+, builds on first use, runs with Spark's JVM flags.
setlocal enabledelayedexpansion
set "HERE=%~dp0"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java.exe"
set "MAJOR="
for /f "tokens=2 delims==" %%v in ('"%JAVA%" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version"') do set "MAJOR=%%v"
set "MAJOR=%MAJOR: =%"
for /f "tokens=1 delims=." %%m in ("%MAJOR%") do set "MAJOR=%%m"
if "%MAJOR%"=="" (
  echo LakeLens needs a JDK 21 or newer; none was found. Install one ^(e.g. Temurin 21^) or set JAVA_HOME. 1>&2
  exit /b 1
)
if %MAJOR% LSS 21 (
  echo LakeLens needs a JDK 21 or newer; found Java %MAJOR%. Install one ^(e.g. Temurin 21^) or set JAVA_HOME. 1>&2
  exit /b 1
)
if not exist "%HERE%target\lakelens.jar" (
  if not exist "%USERPROFILE%\.lakelens\logs" mkdir "%USERPROFILE%\.lakelens\logs"
  echo Building LakeLens ^(first run; log: %USERPROFILE%\.lakelens\logs\build.log^)... 1>&2
  pushd "%HERE%"
  call mvn -B -DskipTests package > "%USERPROFILE%\.lakelens\logs\build.log" 2>&1
  set "BUILD_RC=!ERRORLEVEL!"
  popd
  if not "!BUILD_RC!"=="0" (
    findstr /B /C:"[ERROR]" "%USERPROFILE%\.lakelens\logs\build.log" 1>&2
    echo LakeLens could not build itself; the whole build output is in %USERPROFILE%\.lakelens\logs\build.log. 1>&2
    exit /b 1
  )
)
rem The heap, then the flags for this JDK, as io.lakelens.cli.LaunchFlags prints them: it states the
rem heap rule for every launcher (LAKELENS_HEAP if set, else the heap saved in Preferences, else half
rem the machine's memory between 1 and 8 GiB) and reads the flags from the one list (io/lakelens/jvm.options).
set "FLAGS="
rem (cmd /c drops the outer quote pair, so the command line is wrapped in one more)
for /f "delims=" %%f in ('""%JAVA%" -cp "%HERE%target\lakelens.jar" io.lakelens.cli.LaunchFlags"') do set "FLAGS=%%f"
if "%FLAGS%"=="" (
  echo LakeLens could not read its JVM options from target\lakelens.jar; rebuild it ^(mvn -DskipTests package^). 1>&2
  exit /b 1
)
"%JAVA%" %FLAGS% %LAKELENS_JAVA_OPTS% -Dlakelens.home="%HERE%." -cp "%HERE%target\lakelens.jar;%HERE%target\lib\*" io.lakelens.cli.Main %*
exit /b %errorlevel%
