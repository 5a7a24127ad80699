@echo off
rem Mo hoinghi trong cua so dung UTF-8 (chu Viet hien dung).
rem Start hoinghi in a UTF-8 console (Vietnamese shown right).
chcp 65001 >nul
set PYTHONUTF8=1
set PYTHONIOENCODING=utf-8
if not defined WT_SESSION echo Mẹo: mở hoinghi trong Windows Terminal (wt.exe) để chữ và khung hiện đẹp nhất.
"%~dp0.venv\Scripts\hoinghi.exe" %*
