module mtlsclient

go 1.26
