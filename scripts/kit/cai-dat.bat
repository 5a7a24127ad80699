@echo off
rem Cai hoinghi khong can mang: tao .venv canh tep nay va cai tu wheels\windows.
rem Install hoinghi offline: make .venv beside this file and install from wheels\windows.
chcp 65001 >nul
setlocal
cd /d "%~dp0"
set PYTHON=py -3
where py >nul 2>nul || set PYTHON=python
%PYTHON% -m venv .venv || goto :failed
.venv\Scripts\python.exe -m pip --isolated install --quiet --no-index --find-links wheels\windows hoinghi || goto :failed
.venv\Scripts\hoinghi.exe --version || goto :failed
echo Đã cài xong. Mở hoinghi bằng hoinghi.bat.
pause
exit /b 0
:failed
echo Chưa cài được: cần Python 3.10 đến 3.13 (64 bit) từ python.org, rồi chạy lại cai-dat.bat.
pause
exit /b 1
