#pragma once

#include <QMainWindow>

namespace lockstep {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace lockstep
