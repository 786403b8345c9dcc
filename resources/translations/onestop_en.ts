<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="+41"/>
        <source>Không mở được cơ sở dữ liệu</source>
        <translation>Cannot open the database</translation>
    </message>
</context>
<context>
    <name>DossierDialog</name>
    <message>
        <location filename="../../ui/dossier_dialog.py" line="+26"/>
        <source>Hồ sơ {code}</source>
        <translation>Dossier {code}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số giấy tờ</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hình thức nộp</source>
        <translation>Submitted via</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thành phần hồ sơ</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hẹn trả kết quả</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hạn theo quy định</source>
        <translation>Statutory deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thời gian còn lại</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>In lại giấy tiếp nhận</source>
        <translation>Reprint receipt</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../ui/intake_form.py" line="+100"/>
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gõ mã hoặc tên thủ tục, không cần dấu…</source>
        <translation>Type a procedure code or name, diacritics optional…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Thành phần hồ sơ đã nhận (Space để đánh dấu)</source>
        <translation>Documents received (Space to tick)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hình thức</source>
        <translation>Form</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Số lượng</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Đã nhận đủ tất cả</source>
        <translation>All received</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Đối tượng</source>
        <translation>Applicant type</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hình thức nộp</source>
        <translation>Submitted via</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số bộ hồ sơ</source>
        <translation>Number of sets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Lưu (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lưu và in (Ctrl+P)</source>
        <translation>Save and print (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Làm mới (Esc)</source>
        <translation>Clear (Esc)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Lĩnh vực: {field}; {level}; thời hạn theo quy định: {stat}; cam kết: {committed}; lệ phí: {fee}</source>
        <translation>Field: {field}; {level}; statutory time: {stat}; committed: {committed}; fee: {fee}</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tên tổ chức</source>
        <translation>Organisation name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Số CCCD</source>
        <translation>Citizen ID (CCCD)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mã số thuế</source>
        <translation>Tax code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>10 hoặc 13 chữ số</source>
        <translation>10 or 13 digits</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chọn thủ tục để xem ngày hẹn trả kết quả.</source>
        <translation>Choose a procedure to see the appointment date.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Hẹn trả kết quả: {due}&lt;/b&gt;&lt;br&gt;Hạn theo quy định: {stat}</source>
        <translation>&lt;b&gt;Appointment: {due}&lt;/b&gt;&lt;br&gt;Statutory deadline: {stat}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Hồ sơ chưa đủ</source>
        <translation>Incomplete dossier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Còn {n} giấy tờ chưa đánh dấu đã nhận. Vẫn tiếp nhận hồ sơ?</source>
        <translation>{n} document(s) not ticked as received. Receive the dossier anyway?</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Chưa lưu: hãy sửa các mục báo đỏ.</source>
        <translation>Not saved: correct the fields marked in red.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Đã tiếp nhận hồ sơ &lt;b&gt;{code}&lt;/b&gt;. Hẹn trả kết quả: {due}.</source>
        <translation>Dossier &lt;b&gt;{code}&lt;/b&gt; received. Appointment: {due}.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/labels.py" line="+17"/>
        <source>Đang giải quyết</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sắp đến hạn</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quá hạn hẹn trả</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quá thời hạn quy định</source>
        <translation>Past statutory deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cần xin lỗi</source>
        <translation>Apology due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Có kết quả hôm nay</source>
        <translation>Finished today</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mới tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đang xử lý</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chờ bổ sung</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chờ nộp phí, thuế</source>
        <translation>Awaiting fees, taxes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Đã trả kết quả</source>
        <translation>Result returned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Từ chối</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rút hồ sơ</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bưu chính công ích</source>
        <translation>Public postal service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cá nhân</source>
        <translation>Individual</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tổ chức</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cấp xã</source>
        <translation>Commune level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cấp huyện</source>
        <translation>District level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cấp tỉnh</source>
        <translation>Province level</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bản chính</source>
        <translation>original</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bản sao</source>
        <translation>copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bản sao chứng thực</source>
        <translation>certified copy</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+49"/>
        <location line="+145"/>
        <source>Một cửa — {agency}</source>
        <translation>One-stop counter — {agency}</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Tiếp nhận hồ sơ (F2)</source>
        <translation>Receive dossier (F2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theo dõi hồ sơ (F3)</source>
        <translation>Track dossiers (F3)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Công cụ</source>
        <translation>Tools</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tiếp nhận</source>
        <translation>Receive</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Theo dõi</source>
        <translation>Track</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quét mã</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> Cán bộ: </source>
        <translation> Officer: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source> Quét mã QR (F4): </source>
        <translation> Scan QR code (F4): </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Đưa biên nhận vào máy quét hoặc gõ mã hồ sơ rồi Enter</source>
        <translation>Scan a receipt, or type a dossier code and press Enter</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Tìm theo mã, tên (không cần dấu), điện thoại, CCCD…</source>
        <translation>Search by code, name (accents optional), phone, ID…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Tìm thấy {n} hồ sơ.</source>
        <translation>{n} dossier(s) found.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sắp đến hạn: {soon} · Quá hạn: {late} · Quá hạn quy định: {stat}</source>
        <translation>Due soon: {soon} · Overdue: {late} · Past statutory deadline: {stat}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Đã lưu hồ sơ {code}.</source>
        <translation>Dossier {code} saved.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Không đọc được mã hồ sơ từ «{text}».</source>
        <translation>Could not read a dossier code from “{text}”.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Không tìm thấy</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Không in được</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Đã lưu bản giấy tiếp nhận: {path}</source>
        <translation>Receipt saved: {path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Giấy tiếp nhận {code}</source>
        <translation>Receipt {code}</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/queue_model.py" line="+25"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hẹn trả</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Còn lại</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Hạn theo quy định: {0}</source>
        <translation>Statutory deadline: {0}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="+40"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Làm việc sáng thứ Bảy</source>
        <translation>Open on Saturday mornings</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ngày/tháng/năm, cách nhau bởi dấu phẩy</source>
        <translation>day/month/year, separated by commas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> giờ làm việc</source>
        <translation> working hours</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>để trống: Times New Roman / Liberation Serif / DejaVu Serif</source>
        <translation>leave empty: Times New Roman / Liberation Serif / DejaVu Serif</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mã định danh cơ quan</source>
        <translation>Agency identifier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tên cơ quan, đơn vị</source>
        <translation>Agency name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cơ quan chủ quản</source>
        <translation>Parent agency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Địa danh (dòng ngày tháng)</source>
        <translation>Place name (date line)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nơi trả kết quả</source>
        <translation>Where results are returned</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Địa chỉ tra cứu trong mã QR</source>
        <translation>Lookup URL in the QR code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Giờ làm việc</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Giờ chốt nhận hồ sơ trong ngày</source>
        <translation>Same-day intake cut-off</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ngày nghỉ thêm (nghỉ bù)</source>
        <translation>Extra days off</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ngày làm bù</source>
        <translation>Make-up working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Báo sắp đến hạn khi còn dưới</source>
        <translation>Due soon when less than</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Khổ giấy biên nhận</source>
        <translation>Receipt paper size</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tệp phông chữ (tùy chọn)</source>
        <translation>Font file (optional)</translation>
    </message>
</context>
</TS>
